package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.settings.CheckupNudgeRepository;
import dev.aikagi.core.settings.CheckupNudgeRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcCheckupNudgeRepository} against the CheckupNudgeRepository contract, on embedded PostgreSQL. */
class PostgresCheckupNudgeRepositoryTest extends CheckupNudgeRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected CheckupNudgeRepository createRepository() {
        DATABASE.clean();
        return new JdbcCheckupNudgeRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
