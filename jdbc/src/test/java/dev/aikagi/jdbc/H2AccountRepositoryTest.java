package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.AccountRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAccountRepository} against the AccountRepository contract, on H2 in PostgreSQL mode. */
class H2AccountRepositoryTest extends AccountRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected AccountRepository createRepository() {
        DATABASE.clean();
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
