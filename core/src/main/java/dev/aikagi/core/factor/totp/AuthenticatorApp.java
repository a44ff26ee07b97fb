package dev.aikagi.core.factor.totp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One confirmed authenticator app of an account, as its owner sees it in a list: no key, no step.
 *
 * @param name what the owner called it; empty when no name was given (shown as "Authenticator app")
 * @param createdAt when it was added (confirmed)
 */
public record AuthenticatorApp(UUID id, String name, Instant createdAt, Optional<Instant> lastUsedAt) {

    public AuthenticatorApp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    static AuthenticatorApp of(TotpFactor factor) {
        return new AuthenticatorApp(factor.id(), factor.name(),
                factor.confirmedAt() == null ? factor.createdAt() : factor.confirmedAt(),
                Optional.ofNullable(factor.lastUsedAt()));
    }
}
