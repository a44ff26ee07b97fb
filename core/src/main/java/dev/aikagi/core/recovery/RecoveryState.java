package dev.aikagi.core.recovery;

/** Where a recovery stands. Names are the API's {@code state} values. */
public enum RecoveryState {
    /** Fewer than two independent proofs so far. */
    NEEDS_MORE_PROOF,
    /** Proven; every channel has been told, and the owner can cancel until {@code waitingUntil}. */
    WAITING,
    /** The waiting period is over: {@code complete} opens a session good only for new factors. */
    READY,
    /** Completed once; the case cannot be used again. */
    COMPLETED,
    /** Cancelled by the owner (the link in the notice, or a normal login). */
    CANCELLED,
    /** Not proven, or not completed, in time. */
    EXPIRED
}
