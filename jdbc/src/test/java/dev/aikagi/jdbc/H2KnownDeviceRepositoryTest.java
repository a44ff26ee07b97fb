package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.notify.KnownDeviceRepository;
import dev.aikagi.core.notify.KnownDeviceRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcKnownDeviceRepository} against the KnownDeviceRepository contract, on H2 in PostgreSQL mode. */
class H2KnownDeviceRepositoryTest extends KnownDeviceRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected KnownDeviceRepository createRepository() {
        DATABASE.clean();
        return new JdbcKnownDeviceRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
