package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.jdbc.JdbcOutbox;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works through the message queue in the background: messages whose first attempt failed, and messages
 * queued by a node that died before sending them. Every node runs it; the queue's claims keep two nodes
 * from sending one message.
 *
 * <p>The scheduled methods never throw: a failure is logged (its type and SQLSTATE, never a message's
 * content nor a database error's text) and the next run tries again.
 */
@Component
class MessageDispatcher {

    /** Deliveries claimed per round. */
    static final int BATCH = 50;
    /** Rounds per run at most, so that one run cannot hold the scheduler forever under a flood. */
    static final int MAX_ROUNDS = 20;
    /** Sent and given-up messages, and outbox rows, are kept this long for support questions. */
    static final Duration KEEP = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

    private final Deliveries messages;
    private final JdbcOutbox outbox;
    private final Clock clock;

    MessageDispatcher(Deliveries messages, JdbcOutbox outbox, Clock clock) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends what is due, batch after batch, until a batch comes back short. Returns how many were taken. */
    @Scheduled(initialDelayString = "${aikagi.delivery.dispatch-interval:2s}",
            fixedDelayString = "${aikagi.delivery.dispatch-interval:2s}")
    int dispatchDue() {
        int total = 0;
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                int taken = messages.dispatchDue(BATCH);
                total += taken;
                if (taken < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            log.error("Dispatching queued messages failed after {} messages; the next run tries again: {}", total,
                    describe(e));
        }
        return total;
    }

    /** Deletes finished queue entries and outbox rows older than {@link #KEEP}. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void deleteOld() {
        try {
            int messagesDeleted = messages.deleteFinishedBefore(clock.instant().minus(KEEP));
            int outboxDeleted = outbox.deleteBefore(clock.instant().minus(KEEP));
            if (messagesDeleted + outboxDeleted > 0) {
                log.debug("Deleted {} finished messages and {} outbox rows older than {} days", messagesDeleted,
                        outboxDeleted, KEEP.toDays());
            }
        } catch (RuntimeException e) {
            log.error("Deleting old messages failed; the next run tries again: {}", describe(e));
        }
    }

    /**
     * The exception's type and, for a database error, its SQLSTATE: never the text, which may quote values
     * (H2 puts the offending row into a constraint violation's message).
     */
    private static String describe(RuntimeException e) {
        if (e instanceof DataAccessException data && data.getMostSpecificCause() instanceof SQLException sql) {
            return e.getClass().getName() + " (SQLSTATE " + sql.getSQLState() + ")";
        }
        return e.getClass().getName();
    }
}
