package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Race;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The PostgreSQL the tests run on is one the project supports, with room for the concurrency tests. */
class EmbeddedPostgresServerTest {

    @Test
    void getWhenStartedThenServerIsPostgres15OrNewer() {
        JdbcClient postgres = JdbcClient.create(EmbeddedPostgresServer.get().getPostgresDatabase());

        int version = postgres.sql("select current_setting('server_version_num')::int").query(Integer.class).single();

        assertThat(version).isGreaterThanOrEqualTo(150_000);
    }

    @Test
    void getWhenStartedThenAllowsTheConcurrencyTestsConnections() {
        JdbcClient postgres = JdbcClient.create(EmbeddedPostgresServer.get().getPostgresDatabase());

        int maxConnections = postgres.sql("select current_setting('max_connections')::int").query(Integer.class).single();

        assertThat(maxConnections).isGreaterThanOrEqualTo(2 * Race.THREADS);
    }
}
