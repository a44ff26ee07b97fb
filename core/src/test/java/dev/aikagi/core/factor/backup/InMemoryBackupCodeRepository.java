package dev.aikagi.core.factor.backup;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link BackupCodeRepository} in memory, for tests. Thread-safe. */
public final class InMemoryBackupCodeRepository implements BackupCodeRepository {

    /** A stored set; {@code replacedAt} is null while it is the account's current set. */
    private record Entry(BackupCodeSet set, Instant replacedAt) {
        boolean isCurrent() {
            return replacedAt == null;
        }
    }

    private final Map<UUID, Entry> sets = new LinkedHashMap<>();

    @Override
    public synchronized void replace(BackupCodeSet set) {
        Objects.requireNonNull(set, "set");
        if (sets.containsKey(set.id())) {
            throw new Conflict("backup code set id already exists");
        }
        for (StoredBackupCode code : set.codes()) {
            if (findSetOf(code.id()).isPresent()) {
                throw new Conflict("backup code id already exists");
            }
        }
        sets.replaceAll((id, entry) -> entry.isCurrent() && entry.set().accountId().equals(set.accountId())
                ? new Entry(entry.set(), set.createdAt())
                : entry);
        sets.put(set.id(), new Entry(set, null));
    }

    @Override
    public synchronized Optional<BackupCodeSet> findCurrent(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return sets.values().stream()
                .filter(e -> e.isCurrent() && e.set().accountId().equals(accountId))
                .map(Entry::set)
                .findFirst();
    }

    @Override
    public synchronized List<KeyedDigest> findReplacedDigests(AccountId accountId, int maxSets) {
        Objects.requireNonNull(accountId, "accountId");
        if (maxSets < 0) {
            throw new IllegalArgumentException("maxSets must not be negative, was " + maxSets);
        }
        return sets.values().stream()
                .filter(e -> !e.isCurrent() && e.set().accountId().equals(accountId))
                .sorted(Comparator.comparing(Entry::replacedAt).reversed()
                        .thenComparing(e -> e.set().createdAt(), Comparator.reverseOrder())
                        .thenComparing(e -> e.set().id()))
                .limit(maxSets)
                .flatMap(e -> e.set().codes().stream())
                .map(StoredBackupCode::digest)
                .toList();
    }

    @Override
    public synchronized boolean consume(UUID codeId, Instant usedAt) {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(usedAt, "usedAt");
        Optional<Entry> owner = findSetOf(codeId);
        if (owner.isEmpty() || !owner.get().isCurrent()) {
            return false;
        }
        BackupCodeSet set = owner.get().set();
        List<StoredBackupCode> codes = new ArrayList<>(set.codes());
        for (int i = 0; i < codes.size(); i++) {
            StoredBackupCode code = codes.get(i);
            if (code.id().equals(codeId)) {
                if (code.isUsed()) {
                    return false;
                }
                codes.set(i, code.usedAt(usedAt));
            }
        }
        sets.put(set.id(), new Entry(new BackupCodeSet(set.id(), set.accountId(), set.createdAt(), codes), null));
        return true;
    }

    @Override
    public synchronized int countUnused(AccountId accountId) {
        return findCurrent(accountId).map(BackupCodeSet::remaining).orElse(0);
    }

    @Override
    public synchronized void deleteAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        sets.values().removeIf(e -> e.set().accountId().equals(accountId));
    }

    private Optional<Entry> findSetOf(UUID codeId) {
        return sets.values().stream()
                .filter(e -> e.set().codes().stream().anyMatch(c -> c.id().equals(codeId)))
                .findFirst();
    }
}
