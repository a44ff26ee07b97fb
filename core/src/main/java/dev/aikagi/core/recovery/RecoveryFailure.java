package dev.aikagi.core.recovery;

/** Why a recovery step was refused; each has a stable API code. */
public enum RecoveryFailure {
    /** No such case (or a malformed id). */
    NOT_FOUND("recovery_not_found"),
    /** The case expired, was cancelled or was completed. */
    CLOSED("recovery_closed"),
    /** {@code complete} before the waiting period ended, or before enough proof. */
    NOT_READY("recovery_not_ready"),
    /** A channel or proof name that does not exist. */
    UNKNOWN_CHANNEL("recovery_unknown_channel"),
    /** The code or password was wrong (the same answer whether or not the account has that channel). */
    PROOF_INVALID("recovery_proof_invalid"),
    /** The code had the wrong shape. */
    CODE_MALFORMED("code_malformed"),
    /** The code expired. */
    CODE_EXPIRED("code_expired"),
    /** A newer code was sent since. */
    CODE_SUPERSEDED("code_superseded"),
    /** Too many wrong proofs, or too many new cases from one address: wait. */
    TOO_MANY_ATTEMPTS("too_many_attempts"),
    /** Too many codes sent: wait. (A gateway failure is not reported: that would tell the account exists.) */
    TOO_MANY_SENDS("too_many_sends"),
    /**
     * "Send again" within the cool-down after a code was sent: the next may go at retryAt (the API's
     * {@code nextSendAt}); same API code as {@link #TOO_MANY_SENDS}, pages say what happened (issue 17).
     */
    SENT_RECENTLY("too_many_sends");

    private final String code;

    RecoveryFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
