package dev.aikagi.core.settings;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.Verification;

/** Why a change to two-step verification settings was refused; each has a stable API code. */
public enum SettingsProblem {
    /** The password must be entered again (or the sign-in is older than the re-authentication window). */
    REAUTHENTICATION_REQUIRED("reauthentication_required"),
    /**
     * Two-step verification is on and this session proved only the password (AAL1): it must prove a second
     * factor first (a step-up) before it changes factors, contacts or the password, or sees backup codes.
     */
    SECOND_FACTOR_REQUIRED("second_factor_required"),
    PASSWORD_WRONG("password_wrong"),
    TOO_MANY_ATTEMPTS("too_many_attempts"),
    CODE_MALFORMED("code_malformed"),
    CODE_INVALID("code_invalid"),
    CODE_ALREADY_USED("code_already_used"),
    CODE_FROM_REPLACED_SET("code_from_replaced_set"),
    METHOD_LOCKED("method_locked"),
    /** No enrolment is waiting for its first code. */
    NO_PENDING_ENROLLMENT("no_pending_enrollment"),
    /** Two-step verification is off, so there is nothing to change or show. */
    TWO_STEP_NOT_ENABLED("two_step_not_enabled"),
    /** The operator chose "show once": codes cannot be shown again, only replaced. */
    CODES_NOT_SHOWABLE("codes_not_showable"),
    /** The code sent has expired: ask for a new one. */
    CODE_EXPIRED("code_expired"),
    /** A newer code was sent since this one: use the latest. */
    CODE_SUPERSEDED("code_superseded"),
    /** No code is waiting: the address was verified already, or none was sent. */
    NO_PENDING_VERIFICATION("no_pending_verification"),
    /** "Send again" is cooling down or the hourly cap is reached; see retryAt. */
    TOO_MANY_SENDS("too_many_sends"),
    /** The gateway could not take the message. */
    DELIVERY_FAILED("delivery_failed"),
    PHONE_INVALID("phone_invalid"),
    PHONE_NOT_MOBILE("phone_not_mobile"),
    /** Text messages may not go to that number's country (the operator's allow-list; issue 14 point 4). */
    PHONE_REGION_NOT_ALLOWED("phone_region_not_allowed"),
    EMAIL_INVALID("email_invalid"),
    /** That address is already this account's verified address. */
    ALREADY_VERIFIED("already_verified"),
    /** Removing it would leave two-step verification without a method. */
    LAST_METHOD("last_method"),
    /** The new password is shorter than {@link dev.aikagi.core.factor.password.PasswordPolicy#MIN_LENGTH}. */
    PASSWORD_TOO_SHORT("password_too_short"),
    PASSWORD_TOO_LONG("password_too_long"),
    /** The new password is on the blocklist of common and breached passwords. */
    PASSWORD_COMMON("password_common"),
    PASSWORD_CONTAINS_USERNAME("password_contains_username"),
    /** Email and phone cannot be changed for a while after an account recovery. */
    CONTACTS_FROZEN("contacts_frozen"),
    /** A step-up with a method that is not one of the account's second factors. */
    METHOD_NOT_AVAILABLE("method_not_available"),
    /** The account has as many authenticator apps as it may ({@code TotpAuthenticator.MAX_CONFIRMED}). */
    TOO_MANY_AUTHENTICATORS("too_many_authenticators"),
    /** The account has no authenticator app with that id. */
    AUTHENTICATOR_NOT_FOUND("authenticator_not_found"),
    /** An authenticator's name is longer than {@code AuthenticatorNames.MAX_LENGTH}. */
    AUTHENTICATOR_NAME_INVALID("authenticator_name_invalid"),
    /**
     * "Send again" within the cool-down after a code was sent: the next may go at retryAt (the API's
     * {@code nextSendAt}); same API code as {@link #TOO_MANY_SENDS}, pages say what happened (issue 17).
     */
    SENT_RECENTLY("too_many_sends"),
    /**
     * Issue 17: the authenticator's answer to adding a passkey was refused (a wrong origin or RP, a challenge not
     * asked for by this session or used already, no user verification, a credential registered already).
     */
    PASSKEY_INVALID("passkey_invalid"),
    /** Issue 17: the account has no passkey with that id. */
    PASSKEY_NOT_FOUND("passkey_not_found");

    private final String code;

    SettingsProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A rejected code as the settings pages and the API name it (the same names as at login). */
    static <T> Outcome<T, SettingsProblem> rejected(Verification.Rejected rejected) {
        SettingsProblem problem = switch (rejected.reason()) {
            case MALFORMED_INPUT -> CODE_MALFORMED;
            case WRONG_CODE, NOT_ENROLLED, NO_CODES -> CODE_INVALID;
            case EXPIRED -> CODE_EXPIRED;
            case SUPERSEDED -> CODE_SUPERSEDED;
            case ALREADY_USED -> CODE_ALREADY_USED;
            case REPLACED_SET -> CODE_FROM_REPLACED_SET;
            case RATE_LIMITED -> TOO_MANY_ATTEMPTS;
            case LOCKED -> METHOD_LOCKED;
        };
        return Outcome.refused(problem, rejected.retryAt());
    }
}
