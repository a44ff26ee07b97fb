package dev.aikagi.core.support;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Support cases, shared by every node. Every change of state is one conditional UPDATE (docs/STYLE.md rule 10). */
public interface SupportRepository {

    void create(SupportCase supportCase);

    Optional<SupportCase> find(UUID id);

    /**
     * The queue: cases in {@code state} (any state if empty) created before {@code createdBefore}, oldest
     * first, at most {@code limit}.
     */
    List<SupportCase> queue(Optional<SupportState> state, Instant createdBefore, int limit);

    /** Records the first of two approvals: only while the case is open and has none. */
    boolean addFirstApproval(UUID id, AccountId agent);

    /**
     * Approves an open case. With {@code secondOfTwo}, only if a first approval exists from another agent;
     * without, whenever it is open (one approval suffices). True for the one caller
     * whose update changed the row.
     */
    boolean approve(UUID id, AccountId agent, String reason, boolean secondOfTwo, Instant now);

    /** Rejects an open case; true for the one caller whose update changed the row. */
    boolean reject(UUID id, AccountId agent, String reason, Instant now);

    /** Stores the recovery started on approval and the digest of its single-use link, once. */
    boolean attachRecovery(UUID id, UUID recoveryId, String linkDigest);

    /**
     * Uses the link with this digest once: the approved case becomes CLOSED. The case, for the one caller
     * whose update changed the row; empty for an unknown or already used link.
     */
    Optional<SupportCase> useLink(String linkDigest, Instant now);
}
