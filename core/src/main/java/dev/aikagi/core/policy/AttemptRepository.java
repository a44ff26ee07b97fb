package dev.aikagi.core.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Failure counters shared by every server node. Keys name what is counted, for example
 * {@code otp:account:<id>} or {@code mfa:address:<ip>} (see {@link AttemptGuard}).
 */
public interface AttemptRepository {

    /**
     * Decides with {@code budget} whether one more attempt may be made and, if so, counts it as a
     * failure before the caller checks anything — atomically, so concurrent attempts on several nodes
     * each see the others' counts (OWASP: count the attempt first).
     */
    AttemptDecision acquire(String key, AttemptBudget budget, Instant now);

    /** The attempt that {@link #acquire} counted succeeded: consecutive failures start again at zero. */
    void reset(String key);

    /** Takes back one counted failure (a success from a shared client address). */
    void release(String key);

    /**
     * Zeroes every counter of {@code resetKeys} and takes one counted failure back from {@code releaseKey}, as
     * {@link #reset} and {@link #release} would one by one. A success settles its budgets with this, so a
     * repository that can should do it in one statement (issue 15: fewer statements per login).
     */
    default void settle(Collection<String> resetKeys, Optional<String> releaseKey) {
        resetKeys.forEach(this::reset);
        releaseKey.ifPresent(this::release);
    }

    /** Failures currently recorded for the key (0 if none). */
    int failures(String key);

    /**
     * Deletes the counters with no failure since {@code before}, and those a success zeroed; returns how many.
     * Keys are made per username, address, case and hour, so without this the counters would only grow. A
     * counter deleted after a long quiet period gives an attacker a fresh budget at most that often, which
     * {@code before} (housekeeping uses 30 days) keeps far inside NIST SP 800-63B-4 §3.2.2's 100 failures.
     */
    int deleteIdleBefore(Instant before);
}
