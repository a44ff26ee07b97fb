package dev.aikagi.jdbc;

import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.policy.AttemptRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAttemptRepository} against the AttemptRepository contract, on embedded PostgreSQL. */
class PostgresAttemptRepositoryTest extends AttemptRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected AttemptRepository createRepository() {
        DATABASE.clean();
        return new JdbcAttemptRepository(DATABASE.dataSource());
    }
}
