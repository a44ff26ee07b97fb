package dev.aikagi.server.config;

import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;

/** The operator settings after validation, as the core's own value types. */
public record Settings(BackupCodePolicy backupCodes, Argon2Settings argon2) {

    static Settings validate(AikagiProperties p) {
        if (p.issuer() == null || p.issuer().isBlank() || p.issuer().contains(":")) {
            throw new InvalidConfigurationException("aikagi.issuer: must be a non-empty name without ':', is '" + p.issuer() + "'",
                    "Set aikagi.issuer to the name users see in their authenticator app.");
        }
        BackupCodePolicy backup;
        try {
            backup = new BackupCodePolicy(p.backupCodes().setSize(), p.backupCodes().showOnce());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("aikagi.backup-codes.set-size: " + e.getMessage(),
                    "Set aikagi.backup-codes.set-size between 4 and 16 (default 10).");
        }
        Argon2Settings argon2;
        try {
            argon2 = new Argon2Settings(p.password().argon2MemoryKib(), p.password().argon2Iterations(),
                    p.password().argon2Parallelism());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("aikagi.password: " + e.getMessage(),
                    "Use OWASP's Argon2id parameters: argon2-memory-kib 19456, argon2-iterations 2, argon2-parallelism 1.");
        }
        p.displayZone();
        if (p.recovery().waitingPeriod().isNegative()) {
            throw new InvalidConfigurationException("aikagi.recovery.waiting-period: must not be negative, is "
                    + p.recovery().waitingPeriod(), "Use a duration such as 24h (the default), or 0s for none.");
        }
        if (p.recovery().contactFreeze().isNegative()) {
            throw new InvalidConfigurationException("aikagi.recovery.contact-freeze: must not be negative, is "
                    + p.recovery().contactFreeze(), "Use a duration such as 7d (the default), or 0s for none.");
        }
        java.time.Duration trusted = p.trustedDevices().lifetime();
        if (trusted.isNegative() || trusted.compareTo(java.time.Duration.ofDays(400)) > 0) {
            throw new InvalidConfigurationException("aikagi.trusted-devices.lifetime: must be between 0 and 400 days, is "
                    + trusted, "Use a duration such as 30d (the default), or 0 to turn \"remember this browser\" off.");
        }
        return new Settings(backup, argon2);
    }
}
