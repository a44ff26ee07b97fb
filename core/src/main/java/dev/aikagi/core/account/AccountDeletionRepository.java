package dev.aikagi.core.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pending account deletions (at most one per account), shared by every server node. */
public interface AccountDeletionRepository {

    /** Records a pending deletion; false, changing nothing, when the account has one already. */
    boolean schedule(PendingDeletion deletion);

    Optional<PendingDeletion> find(AccountId accountId);

    /**
     * Cancels with the notice's link: one conditional delete ({@code where cancel_token_hash = :hash and
     * due_at > :now}), decided by its row count; the account for the one caller whose delete removed the row.
     */
    Optional<AccountId> cancelByToken(String tokenHash, Instant now);

    /** Cancels the account's pending deletion (its owner, signed in); false when there was none. */
    boolean cancel(AccountId accountId);

    /** Accounts whose deletion is due at {@code now}, oldest first, at most {@code limit}. */
    List<AccountId> due(Instant now, int limit);
}
