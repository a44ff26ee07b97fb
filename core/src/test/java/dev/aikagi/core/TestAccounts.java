package dev.aikagi.core;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.password.PasswordHash;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Accounts for tests: {@code TestAccounts.account().build()} is a fresh account with a random id and a
 * random canonical username, so tests sharing one database never collide.
 */
public final class TestAccounts {

    /** A syntactically valid PHC string; nothing verifies against it. */
    public static final PasswordHash PASSWORD_HASH =
            new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA");

    /** Microsecond precision on purpose: PostgreSQL keeps microseconds, so this survives a round trip. */
    public static final Instant CREATED_AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    private TestAccounts() {
    }

    public static Builder account() {
        return new Builder();
    }

    public static final class Builder {
        private AccountId id = new AccountId(UUID.randomUUID());
        private String username = "user-" + UUID.randomUUID();
        private PasswordHash passwordHash = PASSWORD_HASH;
        private Instant createdAt = CREATED_AT;

        private Builder() {
        }

        public Builder id(AccountId id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        public Builder passwordHash(PasswordHash passwordHash) {
            this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        public Account build() {
            return new Account(id, username, passwordHash, createdAt);
        }
    }
}
