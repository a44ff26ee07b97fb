package dev.aikagi.jdbc;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Runs the schema migrations in {@value #LOCATION}. One set of scripts serves PostgreSQL and H2 in
 * {@code MODE=PostgreSQL} (docs/STYLE.md rule 20). The server lets Spring Boot's Flyway auto-configuration run
 * the same location; this entry point is for tests and tools.
 */
public final class Migrations {

    /** Flyway's default location, so Spring Boot finds the scripts without configuration. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** Migrates {@code dataSource} to the newest version; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
