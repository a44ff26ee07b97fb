package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.factor.backup.BackupCodeRepository;
import dev.aikagi.core.factor.backup.BackupCodeRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcBackupCodeRepository} against the BackupCodeRepository contract, on H2 in PostgreSQL mode. */
class H2BackupCodeRepositoryTest extends BackupCodeRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected BackupCodeRepository createRepository() {
        DATABASE.clean();
        return new JdbcBackupCodeRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
