package dev.aikagi.core.recovery;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Recovery cases, shared by every node. Every change of state is one conditional UPDATE. */
public interface RecoveryRepository {

    void create(RecoveryCase recovery);

    Optional<RecoveryCase> find(UUID id);

    /** The case whose recovery token hashes to {@code tokenHash} (the pages' cookie holds only the token). */
    Optional<RecoveryCase> findByTokenHash(String tokenHash);

    /**
     * Gives a case that is not completed a new token hash, in one conditional update: the old token stops
     * working. True if the row changed. (The support approval's single-use link hands the person a fresh token.)
     */
    boolean replaceTokenHash(UUID id, String tokenHash);

    /**
     * Records a proof (sets its {@code *_proven_at} if not yet set) while the case is open: not cancelled,
     * not completed, not expired at {@code now}, not yet waiting. False if the case is not open.
     */
    boolean addProof(UUID id, Proof proof, Instant now);

    /**
     * Starts the waiting period once: sets {@code waitingUntil} and the new {@code expiresAt} where it is
     * still null and the case is open. True only for the one caller whose update changed the row.
     */
    boolean startWaiting(UUID id, Instant waitingUntil, Instant expiresAt, Instant now);

    /**
     * Completes the case once: where it is waiting, {@code waitingUntil <= now < expiresAt}, and neither
     * cancelled nor completed. True only for the one caller whose update changed the row.
     */
    boolean complete(UUID id, Instant now);

    /** Cancels every case of the account that is neither completed nor cancelled; returns how many. */
    int cancelOpen(AccountId accountId, Instant now);

    /** When the account's latest recovery was completed, if ever. */
    Optional<Instant> lastCompletedAt(AccountId accountId);

    /** Deletes cases that expired before {@code before}; returns how many. */
    int deleteExpiredBefore(Instant before);
}
