package dev.aikagi.core.factor.backup;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An account's set of backup codes, in position order. */
public record BackupCodeSet(UUID id, AccountId accountId, Instant createdAt, List<StoredBackupCode> codes) {
    public BackupCodeSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
        codes = codes.stream().sorted(Comparator.comparingInt(StoredBackupCode::position)).toList();
    }

    public int remaining() {
        return (int) codes.stream().filter(c -> !c.isUsed()).count();
    }
}
