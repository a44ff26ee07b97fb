package dev.aikagi.server.admin;

import dev.aikagi.core.admin.AdminFailure;
import dev.aikagi.server.web.Refusal;
import org.springframework.http.HttpStatus;

/** The status, code and text of every refusal of the admin API (issue 18); the command line uses the same codes. */
final class AdminFailures {

    /** A role name that is not {@code support-agent} or {@code admin}. */
    static final Refusal UNKNOWN_ROLE = Refusal.of(HttpStatus.BAD_REQUEST, "unknown_role", "api.error.unknown_role");
    /** A two-step method name that is not {@code all}, {@code totp}, {@code sms} or {@code backup-codes}. */
    static final Refusal UNKNOWN_METHOD = Refusal.of(HttpStatus.BAD_REQUEST, "unknown_method",
            "api.error.admin_unknown_method");

    private AdminFailures() {
    }

    static Refusal of(AdminFailure failure) {
        HttpStatus status = switch (failure) {
            case USER_NOT_FOUND, SESSION_NOT_FOUND, METHOD_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case USERNAME_TAKEN -> HttpStatus.CONFLICT;
            case USERNAME_INVALID, PASSWORD_REJECTED, CONTACT_INVALID, EMAIL_REQUIRED -> HttpStatus.BAD_REQUEST;
        };
        return Refusal.of(status, failure.code(), "api.error." + failure.code());
    }
}
