package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.core.session.SessionRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcSessionRepository} against the SessionRepository contract, on H2 in PostgreSQL mode. */
class H2SessionRepositoryTest extends SessionRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected SessionRepository createRepository() {
        DATABASE.clean();
        return new JdbcSessionRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
