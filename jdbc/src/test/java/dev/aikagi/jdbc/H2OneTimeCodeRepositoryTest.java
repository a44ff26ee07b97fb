package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.code.OneTimeCodeRepository;
import dev.aikagi.core.code.OneTimeCodeRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcOneTimeCodeRepository} against the OneTimeCodeRepository contract, on H2 in PostgreSQL mode. */
class H2OneTimeCodeRepositoryTest extends OneTimeCodeRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected OneTimeCodeRepository createRepository() {
        DATABASE.clean();
        return new JdbcOneTimeCodeRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
