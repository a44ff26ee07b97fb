package dev.aikagi.core.delivery;

import dev.aikagi.core.account.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Queued messages for tests: {@code TestQueuedMessages.queued().build()} is a fresh PENDING SMS with a
 * random id, created and due at {@link #CREATED_AT}, expiring 10 minutes later, never attempted.
 */
public final class TestQueuedMessages {

    /** Microsecond precision on purpose: PostgreSQL keeps microseconds, so this survives a round trip. */
    public static final Instant CREATED_AT = Instant.parse("2026-05-01T09:00:00.123456Z");

    private TestQueuedMessages() {
    }

    public static Builder queued() {
        return new Builder();
    }

    public static final class Builder {
        private UUID id = UUID.randomUUID();
        private Channel channel = Channel.SMS;
        private String recipient = "+819012345678";
        private String subject = "";
        private String sealedBody = "k1:c2VhbGVkLWJvZHktZm9yLXRlc3Rz";
        private AccountId accountId = new AccountId(UUID.randomUUID());
        private String kind = "login_code";
        private Instant createdAt = CREATED_AT;
        private Instant expiresAt = CREATED_AT.plus(Duration.ofMinutes(10));
        private DeliveryState state = DeliveryState.PENDING;
        private int attempts;
        private Instant nextAttemptAt = CREATED_AT;
        private Instant claimedUntil;
        private Instant sentAt;
        private String lastError;

        private Builder() {
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder channel(Channel channel) {
            this.channel = channel;
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder sealedBody(String sealedBody) {
            this.sealedBody = sealedBody;
            return this;
        }

        public Builder accountId(AccountId accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** Sets when the message was created and, unless set later, when it is due. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            this.nextAttemptAt = createdAt;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder state(DeliveryState state) {
            this.state = state;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder nextAttemptAt(Instant nextAttemptAt) {
            this.nextAttemptAt = nextAttemptAt;
            return this;
        }

        public Builder claimedUntil(Instant claimedUntil) {
            this.claimedUntil = claimedUntil;
            return this;
        }

        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        public Builder lastError(String lastError) {
            this.lastError = lastError;
            return this;
        }

        public QueuedMessage build() {
            return new QueuedMessage(id, channel, recipient, subject, sealedBody, accountId, kind, createdAt, expiresAt,
                    state, attempts, nextAttemptAt, claimedUntil, sentAt, lastError);
        }
    }
}
