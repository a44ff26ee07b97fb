package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.admin.InvitationRepository;
import dev.aikagi.core.admin.InvitationRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcInvitationRepository} against the InvitationRepository contract, on H2 in PostgreSQL mode. */
class H2InvitationRepositoryTest extends InvitationRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected InvitationRepository createRepository() {
        DATABASE.clean();
        return new JdbcInvitationRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
