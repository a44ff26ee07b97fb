package dev.aikagi.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcSealedSecrets} on H2 in PostgreSQL mode. */
class H2SealedSecretsTest extends SealedSecretsContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected DataSource dataSource() {
        DATABASE.clean();
        return DATABASE.dataSource();
    }
}
