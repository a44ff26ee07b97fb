package dev.aikagi.bench.load;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL for the benchmark: an embedded server (zonky's binaries from Maven Central, no Docker), with
 * PostgreSQL's default durability settings, and the filler that grows the account tables for the scale
 * check.
 */
final class BenchPostgres {

    private BenchPostgres() {
    }

    /** Starts a server on {@code --port} in {@code --data-dir}, prints its JDBC URL, runs until killed. */
    static int start(Map<String, String> opts) throws IOException, InterruptedException {
        int port = Integer.parseInt(opts.getOrDefault("port", "15432"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port)
                .setDataDirectory(Path.of(opts.getOrDefault("data-dir", "/tmp/aikagi-bench/pg")))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", opts.getOrDefault("shared-buffers", "128MB"))
                .start();
        System.out.println("READY " + pg.getJdbcUrl("postgres", "postgres") + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join(); // until SIGTERM; zonky's shutdown hook stops the server
        return 0;
    }

    /**
     * Adds filler accounts until the account table holds {@code --total}: each with the password hash,
     * TOTP factor and a set of ten backup codes copied from an existing (API-seeded) account, so that every
     * table and index a login reads has the size it would have. The filler accounts never log in.
     */
    static int fill(Map<String, String> opts) throws SQLException {
        String url = opts.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:15432/postgres");
        long total = Long.parseLong(opts.getOrDefault("total", "1000000"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "100000"));
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, opts.getOrDefault("user", "postgres"),
                opts.getOrDefault("password", "postgres")); Statement s = c.createStatement()) {
            long existing = count(s, "select count(*) from account");
            long toAdd = total - existing;
            System.out.printf(Locale.ROOT, "%d accounts, adding %d filler accounts%n", existing, toAdd);
            for (long from = 0; from < toAdd; from += batch) {
                long n = Math.min(batch, toAdd - from);
                s.execute("create temporary table if not exists filler (id uuid, g bigint)");
                s.execute("truncate filler");
                s.execute("insert into filler select gen_random_uuid(), g from generate_series(" + (from + 1) + ", "
                        + (from + n) + ") g");
                s.execute("""
                        insert into account (id, username, password_hash, created_at)
                        select f.id, 'filler' || lpad(f.g::text, 8, '0'), t.password_hash, now()
                        from filler f, (select password_hash from account order by username limit 1) t""");
                s.execute("""
                        insert into totp_factor (id, account_id, sealed_secret, algorithm, digits, period_seconds,
                                                 last_step, created_at, confirmed_at)
                        select gen_random_uuid(), f.id, t.sealed_secret, t.algorithm, t.digits, t.period_seconds,
                               t.last_step, now(), now()
                        from filler f, (select * from totp_factor where confirmed_at is not null limit 1) t""");
                s.execute("""
                        insert into backup_code_set (id, account_id, created_at)
                        select f.id, f.id, now() from filler f""");
                s.execute("""
                        insert into backup_code (id, set_id, position, key_id, salt, digest, sealed)
                        select gen_random_uuid(), f.id, t.position, t.key_id, t.salt, t.digest, t.sealed
                        from filler f, (select * from backup_code where set_id =
                              (select id from backup_code_set where replaced_at is null limit 1)) t""");
                System.out.printf(Locale.ROOT, "  %d / %d (%.0f s)%n", from + n, toAdd, (System.nanoTime() - t0) / 1e9);
            }
            s.execute("analyze");
            System.out.printf(Locale.ROOT, "account table now %d rows, backup_code %d rows; %.0f s%n",
                    count(s, "select count(*) from account"), count(s, "select count(*) from backup_code"),
                    (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
