package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountDeletionRepository;
import dev.aikagi.core.account.AccountDeletionRepositoryContract;
import dev.aikagi.core.account.AccountRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAccountDeletionRepository} against the AccountDeletionRepository contract, on embedded PostgreSQL. */
class PostgresAccountDeletionRepositoryTest extends AccountDeletionRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected AccountDeletionRepository createRepository() {
        DATABASE.clean();
        return new JdbcAccountDeletionRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
