package dev.aikagi.core.factor.passkey;

import java.time.Instant;

/** Challenges of WebAuthn ceremonies in progress, shared by every server node. */
public interface PasskeyChallengeRepository {

    void create(PasskeyChallenge challenge);

    /**
     * Uses the challenge up, only if it is unused, unexpired and was made for this purpose and binding:
     * <pre>update passkey_challenge set used_at = :now
     * where challenge = :challenge and purpose = :purpose and binding = :binding
     *   and used_at is null and expires_at &gt; :now</pre>
     * True for exactly one of any number of concurrent calls (docs/STYLE.md rule 10).
     */
    boolean consume(String challenge, PasskeyChallenge.Purpose purpose, String binding, Instant now);

    /** Deletes challenges that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
