package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryState;
import dev.aikagi.core.delivery.MessageQueue;
import dev.aikagi.core.delivery.QueuedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link MessageQueue} on the {@code message_queue} table, shared by every node.
 *
 * <p>A claim is one conditional update decided by its row count (docs/STYLE.md rule 10): of several nodes
 * claiming one message at once, exactly one updates the row; the others find the condition false once the
 * winner's update is visible (PostgreSQL re-checks the WHERE clause of an update that waited for a row
 * lock; H2 locks the row the same way). No {@code SELECT … FOR UPDATE SKIP LOCKED}: it is not portable, and
 * a claim must outlive its transaction anyway, since sending happens after the commit.
 */
public final class JdbcMessageQueue implements MessageQueue {

    private static final String COLUMNS = """
            id, channel, recipient, subject, sealed_body, account_id, kind, created_at, expires_at, state, attempts,
            next_attempt_at, claimed_until, sent_at, last_error""";
    private static final String INSERT = "insert into message_queue (" + COLUMNS + """
            ) values (:id, :channel, :recipient, :subject, :sealedBody, :accountId, :kind, :createdAt, :expiresAt,
                      :state, :attempts, :nextAttemptAt, :claimedUntil, :sentAt, :lastError)""";
    private static final String SELECT = "select " + COLUMNS + " from message_queue ";
    private static final String FIND = SELECT + "where id = :id";
    /** The order {@link #claimDue} hands messages out in: longest due first. */
    private static final String DUE_ORDER = " order by next_attempt_at, created_at, id";
    private static final String FIND_ALL = SELECT + "where id in (:ids)" + DUE_ORDER;

    /** "Claimable": pending, and no node holds a live claim. */
    private static final String FREE = "state = 'PENDING' and (claimed_until is null or claimed_until <= :now)";
    private static final String CLAIM = "update message_queue set claimed_until = :until where id = :id and " + FREE;
    /** The due condition again: the message may have been sent and rescheduled since it was selected. */
    private static final String CLAIM_DUE = CLAIM + " and next_attempt_at <= :now";
    private static final String SELECT_DUE = "select id from message_queue where " + FREE
            + " and next_attempt_at <= :now" + DUE_ORDER + " limit :candidates";

    /** Every outcome applies to a PENDING message only, and releases the claim. */
    private static final String MARK_SENT = """
            update message_queue
            set state = 'SENT', attempts = attempts + 1, sent_at = :at, claimed_until = null
            where id = :id and state = 'PENDING'""";
    private static final String RETRY_LATER = """
            update message_queue
            set attempts = attempts + 1, next_attempt_at = :nextAttemptAt, last_error = :error, claimed_until = null
            where id = :id and state = 'PENDING'""";
    private static final String GIVE_UP = """
            update message_queue
            set state = 'FAILED', attempts = attempts + :counted, last_error = :error, claimed_until = null
            where id = :id and state = 'PENDING'""";
    private static final String DELETE_FINISHED =
            "delete from message_queue where state in ('SENT', 'FAILED') and created_at < :before";

    /** The size of {@code last_error} in V4. */
    static final int MAX_ERROR = Deliveries.MAX_ERROR_LENGTH;

    private static final RowMapper<QueuedMessage> MESSAGE = (rs, row) -> {
        UUID accountId = rs.getObject("account_id", UUID.class);
        return new QueuedMessage(
                rs.getObject("id", UUID.class),
                Channel.parse(rs.getString("channel"))
                        .orElseThrow(() -> new IllegalStateException("unknown channel in message_queue")),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("sealed_body"),
                accountId == null ? null : new AccountId(accountId),
                rs.getString("kind"),
                Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "expires_at"),
                DeliveryState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                Timestamps.read(rs, "next_attempt_at"),
                Timestamps.read(rs, "claimed_until"),
                Timestamps.read(rs, "sent_at"),
                rs.getString("last_error"));
    };

    private final JdbcClient jdbc;

    public JdbcMessageQueue(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void enqueue(QueuedMessage m) {
        Objects.requireNonNull(m, "message");
        SqlErrors.conflictOnDuplicate("message id already exists", () -> jdbc.sql(INSERT)
                .param("id", m.id())
                .param("channel", m.channel().value())
                .param("recipient", m.recipient())
                .param("subject", m.subject())
                .param("sealedBody", m.sealedBody())
                .param("accountId", m.accountId() == null ? null : m.accountId().value())
                .param("kind", m.kind())
                .param("createdAt", Timestamps.param(m.createdAt()))
                .param("expiresAt", Timestamps.param(m.expiresAt()))
                .param("state", m.state().name())
                .param("attempts", m.attempts())
                .param("nextAttemptAt", Timestamps.param(m.nextAttemptAt()))
                .param("claimedUntil", Timestamps.param(m.claimedUntil()))
                .param("sentAt", Timestamps.param(m.sentAt()))
                .param("lastError", truncate(m.lastError()))
                .update());
    }

    @Override
    public Optional<QueuedMessage> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return jdbc.sql(FIND).param("id", id).query(MESSAGE).optional();
    }

    @Override
    public Optional<QueuedMessage> claim(UUID id, Instant now, Duration lease) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        checkLease(lease);
        int claimed = jdbc.sql(CLAIM)
                .param("id", id)
                .param("now", Timestamps.param(now))
                .param("until", Timestamps.param(now.plus(lease)))
                .update();
        // Read back what is stored (the claim truncated to microseconds); this node holds the row now.
        return claimed == 1 ? find(id) : Optional.empty();
    }

    /**
     * Selects up to twice {@code limit} candidates, then claims them one by one until {@code limit} are
     * won: candidates another node claims in between are skipped, and the spare ones keep the batch full
     * without a second round trip.
     */
    @Override
    public List<QueuedMessage> claimDue(Instant now, Duration lease, int limit) {
        Objects.requireNonNull(now, "now");
        checkLease(lease);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<UUID> candidates = jdbc.sql(SELECT_DUE)
                .param("now", Timestamps.param(now))
                .param("candidates", (long) limit * 2)
                .query(UUID.class)
                .list();
        List<UUID> won = new ArrayList<>(limit);
        for (UUID id : candidates) {
            if (won.size() == limit) {
                break;
            }
            int claimed = jdbc.sql(CLAIM_DUE)
                    .param("id", id)
                    .param("now", Timestamps.param(now))
                    .param("until", Timestamps.param(now.plus(lease)))
                    .update();
            if (claimed == 1) {
                won.add(id);
            }
        }
        return won.isEmpty() ? List.of() : jdbc.sql(FIND_ALL).param("ids", won).query(MESSAGE).list();
    }

    @Override
    public void markSent(UUID id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        jdbc.sql(MARK_SENT).param("id", id).param("at", Timestamps.param(at)).update();
    }

    @Override
    public void retryLater(UUID id, Instant nextAttemptAt, String error) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        jdbc.sql(RETRY_LATER)
                .param("id", id)
                .param("nextAttemptAt", Timestamps.param(nextAttemptAt))
                .param("error", truncate(error))
                .update();
    }

    @Override
    public void giveUp(UUID id, boolean attempted, String error) {
        Objects.requireNonNull(id, "id");
        jdbc.sql(GIVE_UP)
                .param("id", id)
                .param("counted", attempted ? 1 : 0)
                .param("error", truncate(error))
                .update();
    }

    @Override
    public int deleteFinishedBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.sql(DELETE_FINISHED).param("before", Timestamps.param(before)).update();
    }

    /** Error texts are diagnostics: cut to the column rather than fail the outcome that records them. */
    private static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        int end = Character.isHighSurrogate(error.charAt(MAX_ERROR - 1)) ? MAX_ERROR - 1 : MAX_ERROR;
        return error.substring(0, end);
    }

    private static void checkLease(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
    }
}
