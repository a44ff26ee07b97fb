package dev.aikagi.jdbc;

import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.policy.AttemptRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcAttemptRepository} against the AttemptRepository contract, on H2 in PostgreSQL mode. */
class H2AttemptRepositoryTest extends AttemptRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected AttemptRepository createRepository() {
        DATABASE.clean();
        return new JdbcAttemptRepository(DATABASE.dataSource());
    }
}
