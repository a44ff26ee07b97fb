package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.AccountRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAccountRepository} against the AccountRepository contract, on embedded PostgreSQL. */
class PostgresAccountRepositoryTest extends AccountRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected AccountRepository createRepository() {
        DATABASE.clean();
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
