package dev.aikagi.core.account;

import dev.aikagi.core.policy.AddressPrefix;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How many accounts one client network may try to create: {@code perAddressPerHour} attempts, then the next
 * an hour after the last (an IPv6 address counts by its /64, see {@link AddressPrefix}). Every attempt that
 * would hash a password counts, successful or not: the abuse is mass account creation, and each attempt
 * costs an Argon2id hash, so the count is taken before the hash (OWASP Authentication Cheat Sheet, "cheap
 * checks first"; NIST SP 800-63B-4 §3.2.2 on rate limiting). Counted on the shared attempt counters, so the
 * limit holds across nodes.
 */
public final class SignUpLimit {

    /** The default: 5 sign-ups an hour per client address. */
    public static final int DEFAULT_PER_HOUR = 5;

    private static final Duration HOUR = Duration.ofHours(1);

    private final AttemptRepository counters;
    private final AttemptBudget budget;

    public SignUpLimit(AttemptRepository counters, int perAddressPerHour) {
        this.counters = Objects.requireNonNull(counters, "counters");
        if (perAddressPerHour < 1) {
            throw new IllegalArgumentException("perAddressPerHour must be at least 1, was " + perAddressPerHour);
        }
        this.budget = new AttemptBudget(perAddressPerHour, HOUR, HOUR, 0, HOUR);
    }

    /**
     * Counts one sign-up attempt from {@code clientAddress}.
     *
     * @return empty if it may go ahead, else when the next attempt is allowed
     */
    public Optional<Instant> acquire(String clientAddress, Instant now) {
        AttemptDecision decision = counters.acquire("signup:address:" + AddressPrefix.of(clientAddress), budget, now);
        return switch (decision) {
            case AttemptDecision.Allowed allowed -> Optional.empty();
            case AttemptDecision.Throttled throttled -> Optional.of(throttled.retryAt());
            case AttemptDecision.Exhausted exhausted -> Optional.of(now.plus(HOUR));
        };
    }
}
