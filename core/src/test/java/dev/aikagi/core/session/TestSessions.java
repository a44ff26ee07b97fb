package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sessions for tests: {@code TestSessions.session(owner).build()} is a fresh browser session with a random
 * id and token hash, created and last seen at {@link #CREATED_AT}.
 */
public final class TestSessions {

    /** Microsecond precision on purpose: PostgreSQL keeps microseconds, so this survives a round trip. */
    public static final Instant CREATED_AT = Instant.parse("2026-04-01T08:00:00.123456Z");

    private TestSessions() {
    }

    public static Builder session(AccountId owner) {
        return new Builder(owner);
    }

    /** A random token hash of the real shape (64 hex digits, as {@link SessionTokens#hash} gives). */
    public static String tokenHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static final class Builder {
        private UUID id = UUID.randomUUID();
        private String tokenHash = TestSessions.tokenHash();
        private AccountId accountId;
        private List<String> amr = List.of("pwd", "otp");
        private AssuranceLevel assurance = AssuranceLevel.AAL2;
        private Instant createdAt = CREATED_AT;
        private Instant lastSeenAt = CREATED_AT;
        private Instant reauthenticatedAt;
        private Session.Kind kind = Session.Kind.BROWSER;

        private Builder(AccountId accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder tokenHash(String tokenHash) {
            this.tokenHash = tokenHash;
            return this;
        }

        public Builder accountId(AccountId accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder amr(String... amr) {
            this.amr = List.of(amr);
            return this;
        }

        public Builder assurance(AssuranceLevel assurance) {
            this.assurance = assurance;
            return this;
        }

        /** Sets when the session was created and, unless set later, when it was last seen. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            this.lastSeenAt = createdAt;
            return this;
        }

        public Builder lastSeenAt(Instant lastSeenAt) {
            this.lastSeenAt = lastSeenAt;
            return this;
        }

        public Builder reauthenticatedAt(Instant reauthenticatedAt) {
            this.reauthenticatedAt = reauthenticatedAt;
            return this;
        }

        public Builder kind(Session.Kind kind) {
            this.kind = kind;
            return this;
        }

        public Session build() {
            return new Session(id, tokenHash, accountId, amr, assurance, createdAt, lastSeenAt, reauthenticatedAt, kind);
        }
    }
}
