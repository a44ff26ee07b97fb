package dev.aikagi.server.metrics;

import dev.aikagi.core.delivery.Channel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges beside the counters, for alerts on what waits rather than what happened (read from the database at
 * most every {@link #FRESH}, so every node reports the same numbers and a scrape costs two small queries):
 * <ul>
 *   <li>{@code aikagi_message_queue_depth{channel}}: messages waiting to be sent (sms, email, logout);</li>
 *   <li>{@code aikagi_message_queue_oldest_age_seconds{channel}}: how long the oldest of them has waited;</li>
 *   <li>{@code aikagi_support_cases_waiting} and {@code aikagi_support_cases_oldest_age_seconds}: open cases
 *       no agent has decided yet.</li>
 * </ul>
 * A database that cannot be read gives NaN (the scrape still answers; {@code /readyz} reports the outage).
 */
@Component
public final class OperationsGauges implements MeterBinder {

    static final Duration FRESH = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(OperationsGauges.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** What the database said at {@code at}; NaN where it could not be read. */
    private record Snapshot(Instant at, Map<Channel, double[]> queue, double[] support) {
    }

    OperationsGauges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            Gauge.builder("aikagi.message.queue.depth", this, g -> g.current().queue().get(channel)[0])
                    .description("Messages waiting to be sent").tag("channel", channel.value()).strongReference(true).register(registry);
            Gauge.builder("aikagi.message.queue.oldest.age", this, g -> g.current().queue().get(channel)[1])
                    .description("How long the oldest waiting message has waited").baseUnit("seconds")
                    .tag("channel", channel.value()).strongReference(true).register(registry);
        }
        Gauge.builder("aikagi.support.cases.waiting", this, g -> g.current().support()[0])
                .description("Support cases waiting for an agent's decision").strongReference(true).register(registry);
        Gauge.builder("aikagi.support.cases.oldest.age", this, g -> g.current().support()[1])
                .description("How long the oldest waiting support case has waited").baseUnit("seconds")
                .strongReference(true).register(registry);
    }

    private Snapshot current() {
        Instant now = clock.instant();
        Snapshot last = snapshot;
        if (last != null && now.isBefore(last.at().plus(FRESH)) && !now.isBefore(last.at())) {
            return last;
        }
        Snapshot fresh = new Snapshot(now, queue(now), support(now));
        snapshot = fresh;
        return fresh;
    }

    private Map<Channel, double[]> queue(Instant now) {
        Map<Channel, double[]> byChannel = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            byChannel.put(channel, new double[] {0, 0});
        }
        try {
            jdbc.query("select channel, count(*) as waiting, min(created_at) as oldest from message_queue"
                    + " where state = 'PENDING' group by channel", rs -> {
                        Channel.parse(rs.getString("channel")).ifPresent(channel -> {
                            try {
                                byChannel.put(channel, new double[] {rs.getLong("waiting"), age(now, rs.getTimestamp("oldest"))});
                            } catch (java.sql.SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    });
        } catch (DataAccessException | IllegalStateException e) {
            log.debug("Message queue gauges unavailable: {}", e.getClass().getName());
            byChannel.replaceAll((channel, values) -> new double[] {Double.NaN, Double.NaN});
        }
        return byChannel;
    }

    private double[] support(Instant now) {
        try {
            return jdbc.query("select count(*) as waiting, min(created_at) as oldest from support_case where state = 'OPEN'",
                    rs -> rs.next() ? new double[] {rs.getLong("waiting"), age(now, rs.getTimestamp("oldest"))}
                            : new double[] {0, 0});
        } catch (DataAccessException e) {
            log.debug("Support gauges unavailable: {}", e.getClass().getName());
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    private static double age(Instant now, Timestamp oldest) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
    }
}
