package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.admin.TwoStepResetRepository;
import dev.aikagi.core.admin.TwoStepResetRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcTwoStepResetRepository} against the TwoStepResetRepository contract, on embedded PostgreSQL. */
class PostgresTwoStepResetRepositoryTest extends TwoStepResetRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected TwoStepResetRepository createRepository() {
        DATABASE.clean();
        return new JdbcTwoStepResetRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accounts() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
