package dev.aikagi.core.delivery;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message in the persisted queue. The body is sealed with the message id as associated data.
 *
 * @param expiresAt after this the message is pointless (a login code that has expired) and is given up
 * @param claimedUntil a node that claimed the message for sending holds it until then
 */
public record QueuedMessage(UUID id, Channel channel, String recipient, String subject, String sealedBody,
                            AccountId accountId, String kind, Instant createdAt, Instant expiresAt,
                            DeliveryState state, int attempts, Instant nextAttemptAt, Instant claimedUntil,
                            Instant sentAt, String lastError) {

    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sealedBody, "sealedBody");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    @Override
    public String toString() {
        return "QueuedMessage[" + id + " " + channel.value() + " " + kind + " " + state + " attempts=" + attempts + "]";
    }
}
