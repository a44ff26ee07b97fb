package dev.aikagi.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The persisted queue of messages, shared by every server node. A message is enqueued in the same
 * step that decided to send it, so it is not lost if the process dies before sending; a node claims
 * a message (a conditional update) before sending, so two nodes never send the same one at once.
 */
public interface MessageQueue {

    void enqueue(QueuedMessage message);

    Optional<QueuedMessage> find(UUID id);

    /**
     * Claims one PENDING message that no live claim holds, setting its claim until {@code now + lease}.
     * Empty if another node holds it or it is not pending.
     */
    Optional<QueuedMessage> claim(UUID id, Instant now, Duration lease);

    /** Claims up to {@code limit} PENDING messages due at {@code now}, oldest first. */
    List<QueuedMessage> claimDue(Instant now, Duration lease, int limit);

    /** Counts one attempt and marks the message SENT; releases the claim. */
    void markSent(UUID id, Instant at);

    /** Counts one attempt and keeps the message PENDING until {@code nextAttemptAt}; releases the claim. */
    void retryLater(UUID id, Instant nextAttemptAt, String error);

    /** Counts one attempt (if {@code attempted}) and marks the message FAILED; releases the claim. */
    void giveUp(UUID id, boolean attempted, String error);

    /** Deletes SENT and FAILED messages created before {@code before}; returns how many. */
    int deleteFinishedBefore(Instant before);
}
