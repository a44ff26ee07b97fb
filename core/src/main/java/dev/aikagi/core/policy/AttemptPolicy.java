package dev.aikagi.core.policy;

import dev.aikagi.core.factor.FactorKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The failure budgets per factor (per account) and per client address.
 *
 * <p>Backup codes get the tightest budget: an attacker may try any unused code of the set, which
 * multiplies the odds of each guess by the set size (NIST SP 800-63B-4 §3.1.2.2). Passwords have no
 * hard limit: anyone may type a password, so a hard limit would let strangers lock the owner out; their
 * back-off caps at 15 minutes. Second-factor limits can only be run down by someone who already has the
 * password, and even then recovery remains.
 */
public record AttemptPolicy(Map<FactorKind, AttemptBudget> perAccount, AttemptBudget perAddress) {

    public static final AttemptPolicy DEFAULT = new AttemptPolicy(Map.of(
            FactorKind.PASSWORD, new AttemptBudget(10, Duration.ofSeconds(1), Duration.ofMinutes(15), 0, Duration.ZERO),
            FactorKind.TOTP, new AttemptBudget(5, Duration.ofSeconds(30), Duration.ofMinutes(15), 100, Duration.ZERO),
            FactorKind.SMS, new AttemptBudget(5, Duration.ofSeconds(30), Duration.ofMinutes(15), 100, Duration.ZERO),
            FactorKind.BACKUP_CODE, new AttemptBudget(3, Duration.ofMinutes(1), Duration.ofHours(1), 30, Duration.ZERO),
            // Never counted: a remembered device's secret has 128 bits or more and is checked after the password.
            FactorKind.REMEMBERED_DEVICE, new AttemptBudget(5, Duration.ofSeconds(30), Duration.ofMinutes(15), 100,
                    Duration.ZERO),
            // Issue 17: a passkey cannot be guessed, but a wrong origin, a replay or a cloned key is counted like a
            // wrong code, and the budget of a login with a passkey alone is the address's.
            FactorKind.PASSKEY, new AttemptBudget(5, Duration.ofSeconds(30), Duration.ofMinutes(15), 100, Duration.ZERO)),
            new AttemptBudget(30, Duration.ofSeconds(2), Duration.ofMinutes(5), 0, Duration.ofHours(1)));

    public AttemptPolicy {
        Objects.requireNonNull(perAddress, "perAddress");
        Map<FactorKind, AttemptBudget> copy = new EnumMap<>(FactorKind.class);
        copy.putAll(Objects.requireNonNull(perAccount, "perAccount"));
        for (FactorKind kind : FactorKind.values()) {
            if (!copy.containsKey(kind)) {
                throw new IllegalArgumentException("no attempt budget for " + kind);
            }
        }
        perAccount = Map.copyOf(copy);
    }

    public AttemptBudget forAccount(FactorKind kind) {
        return perAccount.get(kind);
    }
}
