package dev.aikagi.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one embedded PostgreSQL both nodes share (zonky's binaries from Maven Central, never a server that
 * happens to run on the machine). {@link #stop()} and {@link #start()} stop and start the same data
 * directory on the same port, as an operator's database restart would.
 */
final class Database implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    Database(Path dataDir) throws IOException {
        this.dataDir = Files.createDirectories(dataDir);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
    }

    synchronized void start() throws IOException {
        if (postgres != null) {
            throw new IllegalStateException("already running");
        }
        // Not cleaned: the second start finds the cluster the first one made (initdb runs only when
        // there is none yet).
        postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .start();
    }

    /** Stops the server (pg_ctl stop, fast mode): every connection of the nodes breaks. */
    synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    long count(String sql, Object... params) throws SQLException {
        List<List<Object>> rows = query(sql, params);
        return ((Number) rows.getFirst().getFirst()).longValue();
    }

    List<List<Object>> query(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
    }
}
