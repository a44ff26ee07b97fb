package dev.aikagi.core.code;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;

/** Codes sent by SMS and email, shared by every node. */
public interface OneTimeCodeRepository {

    /**
     * Stores a new code and, in the same transaction, marks every older unsuperseded code of the same
     * account and purpose superseded at the new code's creation time: only the newest code is valid. For a
     * purpose that {@link CodePurpose#supersedesOnlyItsBinding() supersedes only its binding} (recovery), only
     * the older codes of the same binding (the same recovery case) are superseded.
     */
    void issue(OneTimeCode code);

    /** The account's codes of one purpose, newest first, at most {@code limit}. */
    List<OneTimeCode> recent(AccountId accountId, CodePurpose purpose, int limit);

    /**
     * Uses the code once: one conditional update (unused, not superseded, not expired at {@code now});
     * true only for the one caller whose update changed the row.
     */
    boolean markUsed(java.util.UUID id, Instant now);

    /** Deletes codes that expired before {@code before}; returns how many. */
    int deleteExpiredBefore(Instant before);
}
