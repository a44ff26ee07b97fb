package dev.aikagi.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcSealedSecrets} on embedded PostgreSQL. */
class PostgresSealedSecretsTest extends SealedSecretsContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected DataSource dataSource() {
        DATABASE.clean();
        return DATABASE.dataSource();
    }
}
