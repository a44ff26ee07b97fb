package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.account.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A challenge of one WebAuthn ceremony (W3C WebAuthn Level 3 §13.4.3): 32 random bytes, used once, bound to what
 * asked for it (a login flow, or the settings session adding a passkey) and to its purpose.
 *
 * @param challenge Base64url without padding, as it comes back in {@code clientDataJSON}
 * @param binding   the login flow's or the session's id
 * @param accountId the account it is for, when known (not for a login with a passkey alone)
 */
public record PasskeyChallenge(String challenge, Purpose purpose, String binding, Optional<AccountId> accountId,
                               Instant createdAt, Instant expiresAt) {

    /** How long a ceremony may take: the options' timeout plus a margin. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    /** What the challenge is for; a challenge of one purpose never serves another. */
    public enum Purpose {
        /** Adding a passkey from the settings (bound to the session). */
        REGISTRATION("registration"),
        /** The second step after the password (bound to the login flow). */
        SECOND_STEP("second_step"),
        /** A login with a passkey alone (bound to the login flow). */
        LOGIN("login"),
        /** A signed-in session's step-up to AAL2 (bound to the session). */
        STEP_UP("step_up");

        private final String code;

        Purpose(String code) {
            this.code = code;
        }

        /** The stored value. */
        public String code() {
            return code;
        }

        public static Purpose ofCode(String code) {
            for (Purpose p : values()) {
                if (p.code.equals(code)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown passkey challenge purpose " + code);
        }
    }

    public PasskeyChallenge {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
