package dev.aikagi.core.factor;

/** Why a factor refused what was entered. Audited; only some are shown to the user as such. */
public enum RejectReason {
    /** The input is not shaped like a code at all (letters, wrong length). */
    MALFORMED_INPUT,
    /** The input is well-formed but matches nothing. */
    WRONG_CODE,
    /** The code was right but has been used already (a backup code, or a TOTP time step). */
    ALREADY_USED,
    /** The code belongs to a backup-code set that has since been replaced. */
    REPLACED_SET,
    /** The account has no usable code of this kind (no set, or every code used). */
    NO_CODES,
    /** The account has not enrolled this factor. */
    NOT_ENROLLED,
    /** Too many failures: wait until {@link Verification.Rejected#retryAt()}, or use recovery. */
    RATE_LIMITED,
    /** The account used up its failure budget for this factor; only recovery remains. */
    LOCKED,
    /** The code or the flow it belongs to has expired. */
    EXPIRED,
    /** A newer code was sent since this one; only the newest is valid. */
    SUPERSEDED
}
