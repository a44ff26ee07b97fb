package dev.aikagi.core.policy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link AttemptRepository} in memory, for tests. Thread-safe: each method holds the monitor throughout. */
public final class InMemoryAttemptRepository implements AttemptRepository {

    private record Counter(int failures, Instant lastFailureAt) {
    }

    private final Map<String, Counter> counters = new HashMap<>();

    @Override
    public synchronized AttemptDecision acquire(String key, AttemptBudget budget, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(now, "now");
        Counter counter = counters.getOrDefault(key, new Counter(0, null));
        AttemptDecision decision = budget.decide(counter.failures(), counter.lastFailureAt(), now);
        if (decision instanceof AttemptDecision.Allowed allowed) {
            // failuresCounted is built on the effective count, so forgotten failures stay forgotten.
            counters.put(key, new Counter(allowed.failuresCounted(), now));
        }
        return decision;
    }

    @Override
    public synchronized void reset(String key) {
        Objects.requireNonNull(key, "key");
        counters.remove(key);
    }

    @Override
    public synchronized void release(String key) {
        Objects.requireNonNull(key, "key");
        counters.computeIfPresent(key, (k, c) -> c.failures() > 0 ? new Counter(c.failures() - 1, c.lastFailureAt()) : c);
    }

    @Override
    public synchronized int failures(String key) {
        Objects.requireNonNull(key, "key");
        Counter counter = counters.get(key);
        return counter == null ? 0 : counter.failures();
    }

    @Override
    public synchronized int deleteIdleBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        int size = counters.size();
        counters.values().removeIf(c -> c.failures() == 0 && c.lastFailureAt() == null
                || c.lastFailureAt() != null && c.lastFailureAt().isBefore(before));
        return size - counters.size();
    }
}
