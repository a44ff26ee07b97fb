package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.admin.InvitationRepository;
import dev.aikagi.core.admin.InvitationRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcInvitationRepository} against the InvitationRepository contract, on embedded PostgreSQL. */
class PostgresInvitationRepositoryTest extends InvitationRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

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
