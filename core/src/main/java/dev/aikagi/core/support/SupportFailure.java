package dev.aikagi.core.support;

import java.util.Locale;

/** Why a support step was refused. {@link #code()} is the stable key the pages build their texts from. */
public enum SupportFailure {
    USERNAME_MISSING,
    CONTACT_INVALID,
    STATEMENT_MISSING,
    STATEMENT_TOO_LONG,
    TOO_MANY_FILES,
    FILE_EMPTY,
    FILE_TOO_LARGE,
    /** Not a JPEG, PNG or PDF. */
    FILE_TYPE_NOT_ALLOWED,
    /** Named like a JPEG, PNG or PDF, but its content is something else. */
    FILE_NOT_WHAT_IT_CLAIMS,
    TOO_MANY_REQUESTS,
    NOT_FOUND,
    /** Already approved or rejected. */
    NOT_OPEN,
    /** The username names no account: there is nothing to recover. */
    NO_ACCOUNT,
    /** The same agent cannot give both approvals. */
    SAME_AGENT,
    /** An agent cannot decide a request about their own account. */
    OWN_ACCOUNT,
    REASON_MISSING,
    REASON_TOO_LONG,
    /** The link is unknown or was used. */
    LINK_INVALID;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
