package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.admin.TwoStepResetRepository;
import dev.aikagi.core.admin.TwoStepResetRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcTwoStepResetRepository} against the TwoStepResetRepository contract, on H2 in PostgreSQL mode. */
class H2TwoStepResetRepositoryTest extends TwoStepResetRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

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
