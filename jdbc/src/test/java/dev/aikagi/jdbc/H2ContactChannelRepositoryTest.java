package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.contact.ContactChannelRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcContactChannelRepository} against the ContactChannelRepository contract, on H2 in PostgreSQL mode. */
class H2ContactChannelRepositoryTest extends ContactChannelRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected ContactChannelRepository createRepository() {
        DATABASE.clean();
        return new JdbcContactChannelRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
