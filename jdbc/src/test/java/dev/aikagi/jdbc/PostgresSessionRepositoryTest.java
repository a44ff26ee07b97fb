package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.core.session.SessionRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcSessionRepository} against the SessionRepository contract, on embedded PostgreSQL. */
class PostgresSessionRepositoryTest extends SessionRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

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
