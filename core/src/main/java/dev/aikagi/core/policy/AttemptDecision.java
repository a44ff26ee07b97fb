package dev.aikagi.core.policy;

import java.time.Instant;

/** Whether an attempt may go ahead. */
public sealed interface AttemptDecision {

    /** Go ahead; this attempt is counted as failure number {@code failuresCounted} until it succeeds. */
    record Allowed(int failuresCounted) implements AttemptDecision {
    }

    /** Too many recent failures: wait until {@code retryAt}. */
    record Throttled(Instant retryAt) implements AttemptDecision {
    }

    /** The failure budget is used up: only account recovery remains. */
    record Exhausted() implements AttemptDecision {
    }
}
