package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.trust.TrustedDeviceRepository;
import dev.aikagi.core.trust.TrustedDeviceRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcTrustedDeviceRepository} against the TrustedDeviceRepository contract, on embedded PostgreSQL. */
class PostgresTrustedDeviceRepositoryTest extends TrustedDeviceRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected TrustedDeviceRepository createRepository() {
        DATABASE.clean();
        return new JdbcTrustedDeviceRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
