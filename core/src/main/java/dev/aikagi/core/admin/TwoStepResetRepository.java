package dev.aikagi.core.admin;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Two-step resets waiting for their time (issue 18). */
public interface TwoStepResetRepository {

    /** Stores a new reset, waiting. */
    void create(TwoStepReset reset);

    /** Waiting resets whose {@code effectiveAt} is not after {@code now}, oldest first, at most {@code limit}. */
    List<TwoStepReset> due(Instant now, int limit);

    /**
     * Marks a waiting reset done ({@code update … set state = 'done' where id = :id and state = 'waiting'}): true for
     * exactly one of any number of concurrent calls, so two nodes never both apply it.
     */
    boolean markDone(UUID id, Instant at);

    /** Cancels the account's waiting resets; returns how many. */
    int cancelWaiting(AccountId account, Instant at);

    /** The account's waiting resets, oldest first. */
    List<TwoStepReset> waiting(AccountId account);
}
