package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.notify.AlertTokenRepository;
import dev.aikagi.core.notify.AlertTokenRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAlertTokenRepository} against the AlertTokenRepository contract, on H2 in PostgreSQL mode. */
class H2AlertTokenRepositoryTest extends AlertTokenRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

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
