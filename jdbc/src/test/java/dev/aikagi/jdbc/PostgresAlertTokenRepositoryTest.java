package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.notify.AlertTokenRepository;
import dev.aikagi.core.notify.AlertTokenRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAlertTokenRepository} against the AlertTokenRepository contract, on embedded PostgreSQL. */
class PostgresAlertTokenRepositoryTest extends AlertTokenRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected AlertTokenRepository createRepository() {
        DATABASE.clean();
        return new JdbcAlertTokenRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
