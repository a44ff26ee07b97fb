package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A signed-in session, held by a browser cookie or an API bearer token. Only the SHA-256 of the token
 * is stored. Records which factors the login completed and the resulting assurance level
 * (NIST SP 800-63B-4 §2.2: AAL2 sessions re-authenticate after 24 hours, or after 1 hour idle).
 *
 * @param accountId the account the session signed in to, which the settings pages act on; switching to
 *     another account of the Account Center means logging in to it
 * @param reauthenticatedAt when the password was last re-entered in this session (for sensitive
 *     actions), or null
 */
public record Session(UUID id, String tokenHash, AccountId accountId, List<String> amr,
                      AssuranceLevel assurance, Instant createdAt, Instant lastSeenAt, Instant reauthenticatedAt,
                      Kind kind) {

    /** The absolute lifetime of a session. */
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** A session unused for this long has ended. */
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(1);
    /** How long a re-entered password unlocks sensitive actions. */
    public static final Duration REAUTH_WINDOW = Duration.ofMinutes(10);

    /**
     * The {@code amr} of a session opened by a completed account recovery: it may only set a new password,
     * enrol new factors and see the new backup codes (the server enforces the list).
     */
    public static final String RECOVERY_AMR = "recovery";

    /** Where the session lives: a browser cookie or an API bearer token. */
    public enum Kind { BROWSER, API }

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(assurance, "assurance");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(kind, "kind");
        amr = List.copyOf(amr);
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(createdAt.plus(MAX_AGE)) && now.isBefore(lastSeenAt.plus(IDLE_TIMEOUT));
    }

    /** Opened by a completed recovery: limited to setting up new factors. */
    public boolean isRecovery() {
        return amr.contains(RECOVERY_AMR);
    }

    public boolean isReauthenticatedAt(Instant now) {
        return reauthenticatedAt != null && now.isBefore(reauthenticatedAt.plus(REAUTH_WINDOW));
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", account=" + accountId + ", kind=" + kind + "]";
    }
}
