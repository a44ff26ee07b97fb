package dev.aikagi.core.delivery;

import dev.aikagi.core.Conflict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link MessageQueue} in memory, for tests. Thread-safe: every method holds the one lock, which makes each
 * claim as atomic as the JDBC queue's conditional update. Like the table, it cuts error texts to
 * {@link Deliveries#MAX_ERROR_LENGTH} and refuses a duplicate id.
 */
public final class InMemoryMessageQueue implements MessageQueue {

    /** Longest due first, the same order as the JDBC queue. */
    static final Comparator<QueuedMessage> DUE_ORDER = Comparator.comparing(QueuedMessage::nextAttemptAt)
            .thenComparing(QueuedMessage::createdAt)
            .thenComparing(QueuedMessage::id);

    private final Map<UUID, QueuedMessage> byId = new LinkedHashMap<>();

    @Override
    public synchronized void enqueue(QueuedMessage message) {
        Objects.requireNonNull(message, "message");
        if (byId.containsKey(message.id())) {
            throw new Conflict("message id already exists");
        }
        byId.put(message.id(), message);
    }

    @Override
    public synchronized Optional<QueuedMessage> find(UUID id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized Optional<QueuedMessage> claim(UUID id, Instant now, Duration lease) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        checkLease(lease);
        QueuedMessage message = byId.get(id);
        if (message == null || !claimable(message, now)) {
            return Optional.empty();
        }
        return Optional.of(claimUntil(message, now.plus(lease)));
    }

    @Override
    public synchronized List<QueuedMessage> claimDue(Instant now, Duration lease, int limit) {
        Objects.requireNonNull(now, "now");
        checkLease(lease);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<QueuedMessage> due = byId.values().stream()
                .filter(m -> claimable(m, now) && !m.nextAttemptAt().isAfter(now))
                .sorted(DUE_ORDER)
                .limit(limit)
                .toList();
        List<QueuedMessage> claimed = new ArrayList<>(due.size());
        for (QueuedMessage message : due) {
            claimed.add(claimUntil(message, now.plus(lease)));
        }
        return claimed;
    }

    @Override
    public synchronized void markSent(UUID id, Instant at) {
        Objects.requireNonNull(at, "at");
        update(id, m -> copy(m, DeliveryState.SENT, m.attempts() + 1, m.nextAttemptAt(), at, m.lastError()));
    }

    @Override
    public synchronized void retryLater(UUID id, Instant nextAttemptAt, String error) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        update(id, m -> copy(m, DeliveryState.PENDING, m.attempts() + 1, nextAttemptAt, null, truncate(error)));
    }

    @Override
    public synchronized void giveUp(UUID id, boolean attempted, String error) {
        update(id, m -> copy(m, DeliveryState.FAILED, m.attempts() + (attempted ? 1 : 0), m.nextAttemptAt(), null,
                truncate(error)));
    }

    @Override
    public synchronized int deleteFinishedBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        int size = byId.size();
        byId.values().removeIf(m -> m.state() != DeliveryState.PENDING && m.createdAt().isBefore(before));
        return size - byId.size();
    }

    /** Every message, in the order enqueued. */
    public synchronized List<QueuedMessage> all() {
        return List.copyOf(byId.values());
    }

    private static boolean claimable(QueuedMessage message, Instant now) {
        return message.state() == DeliveryState.PENDING
                && (message.claimedUntil() == null || !message.claimedUntil().isAfter(now));
    }

    private QueuedMessage claimUntil(QueuedMessage m, Instant until) {
        QueuedMessage claimed = new QueuedMessage(m.id(), m.channel(), m.recipient(), m.subject(), m.sealedBody(),
                m.accountId(), m.kind(), m.createdAt(), m.expiresAt(), m.state(), m.attempts(), m.nextAttemptAt(),
                until, m.sentAt(), m.lastError());
        byId.put(m.id(), claimed);
        return claimed;
    }

    /** Only a PENDING message changes, as in the JDBC queue's conditional updates; the claim is released. */
    private void update(UUID id, java.util.function.UnaryOperator<QueuedMessage> change) {
        Objects.requireNonNull(id, "id");
        byId.computeIfPresent(id, (key, m) -> m.state() == DeliveryState.PENDING ? change.apply(m) : m);
    }

    private static QueuedMessage copy(QueuedMessage m, DeliveryState state, int attempts, Instant nextAttemptAt,
                                      Instant sentAt, String lastError) {
        return new QueuedMessage(m.id(), m.channel(), m.recipient(), m.subject(), m.sealedBody(), m.accountId(),
                m.kind(), m.createdAt(), m.expiresAt(), state, attempts, nextAttemptAt, null, sentAt, lastError);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= Deliveries.MAX_ERROR_LENGTH
                ? error : error.substring(0, Deliveries.MAX_ERROR_LENGTH);
    }

    private static void checkLease(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
    }
}
