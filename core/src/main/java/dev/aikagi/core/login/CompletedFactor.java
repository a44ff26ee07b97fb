package dev.aikagi.core.login;

import dev.aikagi.core.factor.FactorKind;
import java.time.Instant;
import java.util.Objects;

/** A factor a login completed, and when (becomes {@code amr} and the session's assurance). */
public record CompletedFactor(FactorKind kind, Instant at) {
    public CompletedFactor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
