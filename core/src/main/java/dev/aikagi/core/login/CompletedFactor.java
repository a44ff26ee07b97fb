package dev.aikagi.core.login;

import dev.aikagi.core.factor.FactorKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A factor a login completed, and when (becomes {@code amr} and the session's assurance). */
public record CompletedFactor(FactorKind kind, Instant at) {

    /**
     * Issue 17, the one place that says which second steps may be remembered ("don't ask again on this
     * browser"): the authenticator app, a text message and a passkey as the second step. Never a backup code: that is the way in when the
     * phone is gone, and whoever has the codes must not make a browser skip the second step for 30 days.
     * A remembered device never remembers itself again (its trust expires as it was made).
     */
    public static final Set<FactorKind> REMEMBERING_METHODS = Set.copyOf(EnumSet.of(FactorKind.TOTP, FactorKind.SMS, FactorKind.PASSKEY));

    public CompletedFactor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    /** Whether a login that ended with this factor may offer to remember the device. */
    public boolean letsRememberDevice() {
        return REMEMBERING_METHODS.contains(kind);
    }
}
