package dev.aikagi.core.account;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AccountDeletionRepository} in memory, for tests. Thread-safe. */
public final class InMemoryAccountDeletionRepository implements AccountDeletionRepository {

    private final Map<AccountId, PendingDeletion> byAccount = new HashMap<>();

    @Override
    public synchronized boolean schedule(PendingDeletion deletion) {
        Objects.requireNonNull(deletion, "deletion");
        return byAccount.putIfAbsent(deletion.accountId(), deletion) == null;
    }

    @Override
    public synchronized Optional<PendingDeletion> find(AccountId accountId) {
        return Optional.ofNullable(byAccount.get(Objects.requireNonNull(accountId, "accountId")));
    }

    @Override
    public synchronized Optional<AccountId> cancelByToken(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        Optional<PendingDeletion> found = byAccount.values().stream()
                .filter(d -> d.cancelTokenHash().equals(tokenHash) && d.dueAt().isAfter(now))
                .findFirst();
        found.ifPresent(d -> byAccount.remove(d.accountId()));
        return found.map(PendingDeletion::accountId);
    }

    @Override
    public synchronized boolean cancel(AccountId accountId) {
        return byAccount.remove(Objects.requireNonNull(accountId, "accountId")) != null;
    }

    @Override
    public synchronized List<AccountId> due(Instant now, int limit) {
        return byAccount.values().stream()
                .filter(d -> !d.dueAt().isAfter(now))
                .sorted(Comparator.comparing(PendingDeletion::dueAt))
                .limit(limit)
                .map(PendingDeletion::accountId)
                .toList();
    }

    /** What an erasure does here: the pending row goes with the account (on delete cascade in the database). */
    synchronized void forget(AccountId accountId) {
        byAccount.remove(accountId);
    }
}
