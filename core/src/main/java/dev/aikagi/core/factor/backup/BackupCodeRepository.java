package dev.aikagi.core.factor.backup;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Backup-code sets. An account has at most one current set; replaced sets keep only their digests. */
public interface BackupCodeRepository {

    /**
     * Makes {@code set} the account's current set and marks the previous one replaced at
     * {@code set.createdAt()}, in one transaction: at every moment exactly one complete set is valid.
     */
    void replace(BackupCodeSet set);

    Optional<BackupCodeSet> findCurrent(AccountId accountId);

    /** Digests of the codes of the account's {@code maxSets} most recently replaced sets. */
    List<KeyedDigest> findReplacedDigests(AccountId accountId, int maxSets);

    /**
     * Marks a code used, only if it is unused and its set is still current:
     * {@code UPDATE backup_code SET used_at = ? WHERE id = ? AND used_at IS NULL AND <set current>}.
     * True for exactly one of any number of concurrent calls.
     */
    boolean consume(UUID codeId, Instant usedAt);

    /** Unused codes left in the current set. */
    int countUnused(AccountId accountId);

    /** Removes every set of the account, current and replaced. */
    void deleteAll(AccountId accountId);
}
