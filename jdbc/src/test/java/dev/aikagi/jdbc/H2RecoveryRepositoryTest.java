package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.recovery.RecoveryRepository;
import dev.aikagi.core.recovery.RecoveryRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcRecoveryRepository} against the RecoveryRepository contract, on H2 in PostgreSQL mode. */
class H2RecoveryRepositoryTest extends RecoveryRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected RecoveryRepository createRepository() {
        DATABASE.clean();
        return new JdbcRecoveryRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
