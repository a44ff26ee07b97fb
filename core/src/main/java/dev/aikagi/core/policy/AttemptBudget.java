package dev.aikagi.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How many failures one key (an account's factor, or a client address) may make, and how fast.
 *
 * <p>The first {@code freeFailures} failures cost nothing; after that each further attempt must wait
 * {@code baseDelay × 2^(failures − freeFailures)}, capped at {@code maxDelay} (RFC 4226 §7.3 throttling,
 * NIST SP 800-63B-4 §3.2.2). With {@code hardLimit > 0}, that many consecutive failures exhaust the budget
 * until a successful recovery resets it; NIST allows at most 100. A quiet period of {@code forgetAfter}
 * (if not zero) forgets earlier failures, which suits client addresses shared by many people.
 */
public record AttemptBudget(int freeFailures, Duration baseDelay, Duration maxDelay, int hardLimit,
                            Duration forgetAfter) {

    public AttemptBudget {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (freeFailures < 1) {
            throw new IllegalArgumentException("freeFailures must be at least 1, was " + freeFailures);
        }
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive with maxDelay >= baseDelay");
        }
        if (hardLimit < 0 || hardLimit > 100) {
            throw new IllegalArgumentException("hardLimit must be 0 (none) to 100 (NIST SP 800-63B), was " + hardLimit);
        }
        if (hardLimit > 0 && hardLimit <= freeFailures) {
            throw new IllegalArgumentException("hardLimit must exceed freeFailures");
        }
        if (forgetAfter.isNegative() || (!forgetAfter.isZero() && forgetAfter.compareTo(maxDelay) < 0)) {
            throw new IllegalArgumentException("forgetAfter must be zero (never) or at least maxDelay");
        }
    }

    /**
     * Whether one more attempt may be made now, given the failures so far and when the last one was.
     * Pure: the repository calls it while holding the counter's row lock.
     */
    public AttemptDecision decide(int failures, Instant lastFailureAt, Instant now) {
        // An exhausted budget stays exhausted however long it is left alone: only a successful
        // recovery (or another full login) resets it.
        if (hardLimit > 0 && failures >= hardLimit) {
            return new AttemptDecision.Exhausted();
        }
        int effective = effectiveFailures(failures, lastFailureAt, now);
        if (hardLimit > 0 && effective >= hardLimit) {
            return new AttemptDecision.Exhausted();
        }
        if (effective < freeFailures) {
            return new AttemptDecision.Allowed(effective + 1);
        }
        Instant retryAt = lastFailureAt.plus(delayAfter(effective));
        return now.isBefore(retryAt) ? new AttemptDecision.Throttled(retryAt) : new AttemptDecision.Allowed(effective + 1);
    }

    /** Failures that still count at {@code now}: all of them, unless the key has been quiet long enough. */
    public int effectiveFailures(int failures, Instant lastFailureAt, Instant now) {
        if (failures == 0 || lastFailureAt == null) {
            return 0;
        }
        boolean forgotten = !forgetAfter.isZero() && !now.isBefore(lastFailureAt.plus(forgetAfter));
        return forgotten ? 0 : failures;
    }

    /** The wait imposed after {@code failures} consecutive failures (zero within the free ones). */
    public Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
