package dev.aikagi.core.admin;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;

/** Invitation links (issue 18), stored as the SHA-256 (hex) of their token: the token itself never is. */
public interface InvitationRepository {

    void create(String tokenHash, AccountId accountId, Instant createdAt, Instant expiresAt);

    /** The account of an unused invitation that has not expired at {@code now}; reads only. */
    Optional<AccountId> findUsable(String tokenHash, Instant now);

    /**
     * Uses the invitation once: one conditional update (unused, not expired at {@code now}); true only for the one
     * caller whose update changed the row.
     */
    boolean use(String tokenHash, Instant now);

    /** Deletes the account's unused invitations (a new one replaces them); how many. */
    int revokeAll(AccountId accountId);
}
