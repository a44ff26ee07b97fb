package dev.aikagi.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestDatabase} per test class: opened before the first test, dropped after the last.
 * Register it as a static field: {@code @RegisterExtension static final DatabaseExtension DATABASE = DatabaseExtension.postgres();}.
 */
final class DatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    /** Enough for a contract test, which uses one connection at a time, with room to spare. */
    private static final int POOL_SIZE = 16;

    private final TestDatabase.Kind kind;
    private volatile TestDatabase database;

    private DatabaseExtension(TestDatabase.Kind kind) {
        this.kind = kind;
    }

    static DatabaseExtension h2() {
        return new DatabaseExtension(TestDatabase.Kind.H2);
    }

    static DatabaseExtension postgres() {
        return new DatabaseExtension(TestDatabase.Kind.POSTGRES);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.open(kind, POOL_SIZE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    DataSource dataSource() {
        return database().dataSource();
    }

    /** Empties every table; contract tests call it when they make their repository. */
    void clean() {
        database().clean();
    }

    private TestDatabase database() {
        if (database == null) {
            throw new IllegalStateException("the database is open only while the test class runs");
        }
        return database;
    }
}
