package dev.aikagi.core.factor.totp;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An authenticator-app factor. The secret is stored only sealed ({@link dev.aikagi.core.crypto.SecretCipher}
 * with the factor id as associated data). {@code lastAcceptedStep} is the newest time step a code was
 * accepted for; no code of that step or an older one is accepted again (RFC 6238 §5.2).
 *
 * @param confirmedAt null while the enrolment waits for its first code
 * @param name what the owner calls the app ("work phone"); empty when none was given (shown as "Authenticator
 *     app" in the reader's language). Not a secret.
 * @param lastUsedAt when a login or confirmation code of this app was last accepted; null if never
 */
public record TotpFactor(UUID id, AccountId accountId, String sealedSecret, TotpParameters parameters,
                         long lastAcceptedStep, Instant createdAt, Instant confirmedAt, String name,
                         Instant lastUsedAt) {

    /** The step value of a factor that has accepted no code yet. */
    public static final long NO_STEP = -1;

    public TotpFactor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(name, "name");
    }

    /** A factor without a name that was never used. */
    public TotpFactor(UUID id, AccountId accountId, String sealedSecret, TotpParameters parameters,
                      long lastAcceptedStep, Instant createdAt, Instant confirmedAt) {
        this(id, accountId, sealedSecret, parameters, lastAcceptedStep, createdAt, confirmedAt, "", null);
    }

    public boolean isConfirmed() {
        return confirmedAt != null;
    }

    /** Associated data binding the sealed secret to this factor. */
    public static String sealingContext(UUID factorId) {
        return "totp:" + factorId;
    }

    @Override
    public String toString() {
        return "TotpFactor[id=" + id + ", account=" + accountId + ", confirmed=" + isConfirmed() + "]";
    }
}
