package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.session.AccountLinkRepository;
import dev.aikagi.core.session.AccountLinkRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAccountLinkRepository} against the AccountLinkRepository contract, on H2 in PostgreSQL mode. */
class H2AccountLinkRepositoryTest extends AccountLinkRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected AccountLinkRepository createRepository() {
        DATABASE.clean();
        return new JdbcAccountLinkRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
