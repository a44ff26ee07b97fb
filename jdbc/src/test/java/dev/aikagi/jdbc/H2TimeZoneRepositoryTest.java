package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.settings.TimeZoneRepository;
import dev.aikagi.core.settings.TimeZoneRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcTimeZoneRepository} against the time-zone contract, on H2 in PostgreSQL mode. */
class H2TimeZoneRepositoryTest extends TimeZoneRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected AccountRepository createAccounts() {
        DATABASE.clean();
        return new JdbcAccountRepository(DATABASE.dataSource());
    }

    @Override
    protected TimeZoneRepository createZones() {
        return new JdbcTimeZoneRepository(DATABASE.dataSource());
    }
}
