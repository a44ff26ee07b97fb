package dev.aikagi.core.admin;

/** Why an operator's request (admin API or command line, issue 18) was refused; each has a stable API code. */
public enum AdminFailure {
    /** No account has this id or username. */
    USER_NOT_FOUND("user_not_found"),
    /** The username (or a look-alike of it) is taken. */
    USERNAME_TAKEN("username_taken"),
    /** The username is not a valid one. */
    USERNAME_INVALID("username_invalid"),
    /** The password does not meet the password policy. */
    PASSWORD_REJECTED("password_rejected"),
    /** The account has no session with this id. */
    SESSION_NOT_FOUND("session_not_found"),
    /** The account has no such two-step method. */
    METHOD_NOT_FOUND("method_not_found"),
    /** The email address or phone number is not a valid one. */
    CONTACT_INVALID("contact_invalid"),
    /** An invitation needs an email address to go to. */
    EMAIL_REQUIRED("email_required");

    private final String code;

    AdminFailure(String code) {
        this.code = code;
    }

    /** The stable {@code code} of API problem responses. */
    public String code() {
        return code;
    }
}
