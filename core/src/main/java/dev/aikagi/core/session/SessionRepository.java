package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions shared by every server node; looked up by the hash of their token. */
public interface SessionRepository {

    void create(Session session);

    Optional<Session> findByTokenHash(String tokenHash);

    /**
     * Replaces the whole session (a new token after an authentication step), only if it still has the
     * token {@code previousTokenHash}: of two concurrent rotations one wins, and a stale copy can never
     * bring an old token back. False when the session is gone or was rotated meanwhile.
     */
    boolean replace(Session next, String previousTokenHash);

    /** Records use of the session: moves {@code lastSeenAt} forward, and touches nothing else. */
    void touch(UUID id, Instant lastSeenAt);

    /** Records that the password was re-entered at {@code at} (also counts as use). */
    void markReauthenticated(UUID id, Instant at);

    /** Ends one session. */
    void delete(UUID id);

    /** Ends every session of the account (for example after a factor change), except {@code keep} if given. */
    int deleteAllOf(AccountId accountId, Optional<UUID> keep);

    /** Deletes every session no longer active at {@code now} ({@link Session#isActiveAt}); returns how many. */
    int deleteInactive(Instant now);

    /** Active sessions of the account, newest first. */
    List<Session> findByAccount(AccountId accountId, Instant now);
}
