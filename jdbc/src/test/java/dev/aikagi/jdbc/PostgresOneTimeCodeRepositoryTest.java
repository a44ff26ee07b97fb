package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.code.OneTimeCodeRepository;
import dev.aikagi.core.code.OneTimeCodeRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcOneTimeCodeRepository} against the OneTimeCodeRepository contract, on embedded PostgreSQL. */
class PostgresOneTimeCodeRepositoryTest extends OneTimeCodeRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

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
