package dev.aikagi.core.admin;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** {@link TwoStepResetRepository} in memory, for tests. Thread-safe. */
public final class InMemoryTwoStepResetRepository implements TwoStepResetRepository {

    private final Map<UUID, TwoStepReset> waiting = new HashMap<>();

    @Override
    public synchronized void create(TwoStepReset reset) {
        waiting.put(Objects.requireNonNull(reset, "reset").id(), reset);
    }

    @Override
    public synchronized List<TwoStepReset> due(Instant now, int limit) {
        return waiting.values().stream().filter(r -> !r.effectiveAt().isAfter(now))
                .sorted(Comparator.comparing(TwoStepReset::effectiveAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean markDone(UUID id, Instant at) {
        return waiting.remove(id) != null;
    }

    @Override
    public synchronized int cancelWaiting(AccountId account, Instant at) {
        List<UUID> ids = waiting.values().stream().filter(r -> r.accountId().equals(account)).map(TwoStepReset::id).toList();
        ids.forEach(waiting::remove);
        return ids.size();
    }

    @Override
    public synchronized List<TwoStepReset> waiting(AccountId account) {
        return waiting.values().stream().filter(r -> r.accountId().equals(account))
                .sorted(Comparator.comparing(TwoStepReset::requestedAt)).toList();
    }
}
