package dev.aikagi.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A migrated database of its own, behind a HikariCP pool: an H2 in-memory database in PostgreSQL mode, or
 * a fresh database on the shared {@link EmbeddedPostgresServer}. Closing it drops the database.
 */
final class TestDatabase implements AutoCloseable {

    enum Kind {
        H2, POSTGRES
    }

    /**
     * Children before parents, so deleting in this order never trips a foreign key. recovery_case is listed
     * although it cascades from account: its rows for unknown usernames have no account.
     */
    private static final List<String> TABLES = List.of(
            "login_flow", "attempt_counter", "backup_code", "backup_code_set", "totp_factor", "recovery_case",
            "support_evidence", "support_case", "account_role", "role_listing", "passkey_challenge", "account");

    private final Kind kind;
    private final String name;
    private final HikariDataSource dataSource;

    private TestDatabase(Kind kind, String name, HikariDataSource dataSource) {
        this.kind = kind;
        this.name = name;
        this.dataSource = dataSource;
    }

    static TestDatabase open(Kind kind, int poolSize) {
        String name = "aikagi_" + UUID.randomUUID().toString().replace("-", "");
        HikariConfig config = new HikariConfig();
        config.setPoolName(kind + "-" + name);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        switch (kind) {
            case H2 -> {
                config.setJdbcUrl(h2Url(name));
                config.setUsername("sa");
            }
            case POSTGRES -> {
                var server = EmbeddedPostgresServer.get();
                execute(server.getPostgresDatabase(), "create database " + name);
                config.setJdbcUrl(server.getJdbcUrl("postgres", name));
                config.setUsername("postgres");
            }
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Migrations.migrate(dataSource);
        return new TestDatabase(kind, name, dataSource);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Removes every row, so each test starts from empty tables. */
    void clean() {
        execute(dataSource, TABLES.stream().map(table -> "delete from " + table).toArray(String[]::new));
    }

    @Override
    public void close() {
        dataSource.close();
        switch (kind) {
            case H2 -> {
                // DB_CLOSE_DELAY=-1 keeps an in-memory database until it is shut down explicitly.
                try (Connection connection = DriverManager.getConnection(h2Url(name), "sa", "");
                     Statement statement = connection.createStatement()) {
                    statement.execute("shutdown");
                } catch (SQLException e) {
                    throw new IllegalStateException("could not shut down H2 database " + name, e);
                }
            }
            case POSTGRES -> execute(EmbeddedPostgresServer.get().getPostgresDatabase(),
                    "drop database " + name + " with (force)");
        }
    }

    @Override
    public String toString() {
        return kind.toString();
    }

    private static String h2Url(String name) {
        return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    private static void execute(DataSource dataSource, String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed", e);
        }
    }
}
