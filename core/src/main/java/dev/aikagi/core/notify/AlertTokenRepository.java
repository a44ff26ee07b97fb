package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;

/** "This wasn't me" tokens, stored as SHA-256 hex of the token. */
public interface AlertTokenRepository {

    void create(String tokenHash, AccountId accountId, String event, Instant createdAt, Instant expiresAt);

    /**
     * Uses the token once: one conditional update (unused, not expired at {@code now}); the account it
     * belongs to for the one caller whose update changed the row, else empty.
     */
    Optional<AccountId> use(String tokenHash, Instant now);

    /** Deletes tokens that expired before {@code before}; returns how many. */
    int deleteExpiredBefore(Instant before);
}
