package dev.aikagi.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The gauges read what waits: queued messages by channel and their age, open support cases and their age. */
class OperationsGaugesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static JdbcTemplate database() {
        DriverManagerDataSource data = new DriverManagerDataSource("jdbc:h2:mem:gauges-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(data);
    }

    private static void message(JdbcTemplate jdbc, String channel, String state, Instant created) {
        jdbc.update("insert into message_queue (id, channel, recipient, subject, sealed_body, kind, created_at, expires_at,"
                        + " state, attempts, next_attempt_at) values (?, ?, 'x', '', 'sealed', 'login_code', ?, ?, ?, 0, ?)",
                UUID.randomUUID(), channel, Timestamp.from(created), Timestamp.from(created.plusSeconds(3600)), state,
                Timestamp.from(created));
    }

    private static void supportCase(JdbcTemplate jdbc, String state, Instant created) {
        jdbc.update("insert into support_case (id, username, contact_email, language, statement, state, created_at)"
                + " values (?, 'someone', 'a@example.jp', 'ja', 'lost my phone', ?, ?)", UUID.randomUUID(), state,
                Timestamp.from(created));
    }

    private double gauge(String name, String channel) {
        var search = registry.find(name);
        if (channel != null) {
            search = search.tag("channel", channel);
        }
        return search.gauge().value();
    }

    @Test
    void gaugesWhenMessagesAndCasesWaitThenDepthAndOldestAgeOfPendingOnly() {
        JdbcTemplate jdbc = database();
        message(jdbc, "sms", "PENDING", NOW.minusSeconds(90));
        message(jdbc, "sms", "PENDING", NOW.minusSeconds(10));
        message(jdbc, "sms", "SENT", NOW.minusSeconds(900));
        message(jdbc, "logout", "FAILED", NOW.minusSeconds(900));
        supportCase(jdbc, "OPEN", NOW.minus(Duration.ofHours(30)));
        supportCase(jdbc, "CLOSED", NOW.minus(Duration.ofDays(9)));
        new OperationsGauges(jdbc, clock).bindTo(registry);

        assertThat(gauge("aikagi.message.queue.depth", "sms")).isEqualTo(2);
        assertThat(gauge("aikagi.message.queue.oldest.age", "sms")).isEqualTo(90);
        assertThat(gauge("aikagi.message.queue.depth", "email")).isZero();
        assertThat(gauge("aikagi.message.queue.depth", "logout")).isZero();
        assertThat(gauge("aikagi.support.cases.waiting", null)).isEqualTo(1);
        assertThat(gauge("aikagi.support.cases.oldest.age", null)).isEqualTo(30 * 3600);

        // Read again only once the snapshot is stale.
        message(jdbc, "email", "PENDING", NOW);
        assertThat(gauge("aikagi.message.queue.depth", "email")).isZero();
        clock.advance(OperationsGauges.FRESH);
        assertThat(gauge("aikagi.message.queue.depth", "email")).isEqualTo(1);
        assertThat(gauge("aikagi.message.queue.oldest.age", "sms")).isEqualTo(95);
    }

    @Test
    void scrapeWhenPrometheusThenTheNamesTheReadmesAlertRulesUse() throws Exception {
        JdbcTemplate jdbc = database();
        message(jdbc, "logout", "PENDING", NOW.minusSeconds(7));
        var prometheus = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        new OperationsGauges(jdbc, clock).bindTo(prometheus);
        DeliveryMetrics.metered(java.util.Map.of(dev.aikagi.core.delivery.Channel.SMS, m -> { }),
                        java.util.Map.of(dev.aikagi.core.delivery.Channel.SMS, "twilio"), prometheus)
                .get(dev.aikagi.core.delivery.Channel.SMS).deliver(new dev.aikagi.core.delivery.Message(UUID.randomUUID(),
                        dev.aikagi.core.delivery.Channel.SMS, "+819012345678", "", "code", null, "login_code", NOW));

        assertThat(prometheus.scrape())
                .contains("aikagi_message_queue_depth{channel=\"logout\"} 1.0")
                .contains("aikagi_message_queue_oldest_age_seconds{channel=\"logout\"} 7.0")
                .contains("aikagi_support_cases_waiting 0.0")
                .contains("aikagi_support_cases_oldest_age_seconds 0.0")
                .contains("aikagi_gateway_latency_seconds_bucket{channel=\"sms\",gateway=\"twilio\",outcome=\"sent\"")
                .contains("aikagi_messages_total{channel=\"sms\",gateway=\"twilio\",outcome=\"sent\"} 1.0");
    }

    @Test
    void gaugesWhenDatabaseUnreadableThenNaNNotAnError() {
        JdbcTemplate empty = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:gauges-" + UUID.randomUUID()));
        new OperationsGauges(empty, clock).bindTo(registry);

        assertThat(gauge("aikagi.message.queue.depth", "sms")).isNaN();
        assertThat(gauge("aikagi.support.cases.waiting", null)).isNaN();
    }
}
