package dev.aikagi.core.recovery;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's recovery settings.
 *
 * @param waitingPeriod between enough proof and the new factors, while every channel is told (0 allowed)
 * @param proofWindow how long a case accepts proofs after it starts
 * @param completeWindow how long a case can be completed after the waiting period
 * @param contactFreeze after a recovery, how long email and phone cannot be changed
 */
public record RecoveryPolicy(Duration waitingPeriod, Duration proofWindow, Duration completeWindow,
                             Duration contactFreeze) {

    public static final RecoveryPolicy DEFAULT = new RecoveryPolicy(Duration.ofHours(24), Duration.ofHours(1),
            Duration.ofHours(24), Duration.ofDays(7));

    public RecoveryPolicy {
        Objects.requireNonNull(waitingPeriod, "waitingPeriod");
        Objects.requireNonNull(proofWindow, "proofWindow");
        Objects.requireNonNull(completeWindow, "completeWindow");
        Objects.requireNonNull(contactFreeze, "contactFreeze");
        if (waitingPeriod.isNegative() || !proofWindow.isPositive() || !completeWindow.isPositive()
                || contactFreeze.isNegative()) {
            throw new IllegalArgumentException("recovery durations must be positive (waiting period and freeze: not negative)");
        }
    }
}
