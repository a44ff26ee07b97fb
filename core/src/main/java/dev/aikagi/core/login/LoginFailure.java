package dev.aikagi.core.login;

import dev.aikagi.core.factor.RejectReason;

/** Why a login step was refused; each has a stable API code and a message key. */
public enum LoginFailure {
    /** Username or password wrong — deliberately not saying which. */
    INVALID_CREDENTIALS("invalid_credentials"),
    CODE_MALFORMED("code_malformed"),
    CODE_INVALID("code_invalid"),
    CODE_ALREADY_USED("code_already_used"),
    CODE_FROM_REPLACED_SET("code_from_replaced_set"),
    NO_CODES_LEFT("no_codes_left"),
    METHOD_NOT_AVAILABLE("method_not_available"),
    TOO_MANY_ATTEMPTS("too_many_attempts"),
    /** The failure budget of this factor is spent: use another method or recover the account. */
    METHOD_LOCKED("method_locked"),
    /** The flow is unknown, expired or already finished. */
    FLOW_EXPIRED("flow_expired"),
    /** The code sent by SMS has expired: send a new one. */
    CODE_EXPIRED("code_expired"),
    /** A newer code was sent since this one: use the code from the latest message. */
    CODE_SUPERSEDED("code_superseded"),
    /** The hourly cap of sends is reached (or, before issue 17, "send again" was cooling down); see retryAt. */
    TOO_MANY_SENDS("too_many_sends"),
    /** The account's phone is in a country text messages may not go to: use another method (issue 14 point 4). */
    PHONE_REGION_NOT_ALLOWED("phone_region_not_allowed"),
    /** The gateway could not take the message: try again or use another method. */
    DELIVERY_FAILED("delivery_failed"),
    /**
     * "Send again" within the cool-down after a code was sent: nothing is wrong, the next may go at retryAt (the
     * API's {@code nextSendAt}). Same API code as {@link #TOO_MANY_SENDS}, which clients already handle; pages
     * say what happened instead (issue 17).
     */
    SENT_RECENTLY("too_many_sends"),
    /**
     * Issue 17: the passkey's answer was refused (unknown credential, wrong origin or RP, a challenge not asked for
     * or used already, a bad signature, no user verification, a counter that did not grow). One failure for all:
     * the reason is in the audit record only, and nothing tells whether an account exists.
     */
    PASSKEY_INVALID("passkey_invalid"),
    /**
     * An operator disabled the account (issue 18). Said only once the password was right: before that a
     * disabled account answers like a wrong password, so nothing tells whether it exists.
     */
    ACCOUNT_DISABLED("account_disabled");

    private final String code;

    LoginFailure(String code) {
        this.code = code;
    }

    /** The stable {@code code} of API problem responses. */
    public String code() {
        return code;
    }

    static LoginFailure of(RejectReason reason) {
        return switch (reason) {
            case MALFORMED_INPUT -> CODE_MALFORMED;
            case WRONG_CODE -> CODE_INVALID;
            case ALREADY_USED -> CODE_ALREADY_USED;
            case REPLACED_SET -> CODE_FROM_REPLACED_SET;
            case NO_CODES -> NO_CODES_LEFT;
            case NOT_ENROLLED -> METHOD_NOT_AVAILABLE;
            case RATE_LIMITED -> TOO_MANY_ATTEMPTS;
            case LOCKED -> METHOD_LOCKED;
            case EXPIRED -> CODE_EXPIRED;
            case SUPERSEDED -> CODE_SUPERSEDED;
        };
    }
}
