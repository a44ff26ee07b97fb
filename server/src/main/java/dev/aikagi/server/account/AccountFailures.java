package dev.aikagi.server.account;

import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.Refusal;
import dev.aikagi.server.web.SettingsFailures;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The status, code and text of every refusal of the account's own journeys — signing up, the password, entering
 * it again — for the pages and {@code /api/v1/accounts}, {@code /api/v1/me} alike.
 */
public final class AccountFailures {

    /** The refusal of a request for an account that no longer exists (the session ended with it). */
    static final Refusal ACCOUNT_GONE = Refusal.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "api.error.account_gone");

    /** Issue 17: {@code DELETE /api/v1/me/devices/{id}} for a device the account does not trust (or no longer). */
    static final Refusal TRUSTED_DEVICE_NOT_FOUND = Refusal.of(HttpStatus.NOT_FOUND, "device_not_found",
            "api.error.device_not_found");

    private AccountFailures() {
    }

    /** A refused sign-up: the name is taken (409), over the limit of the network (429), or not acceptable (400). */
    public static Refusal of(SignUp.Problem problem, Optional<Instant> retryAt) {
        HttpStatus status = switch (problem) {
            case USERNAME_TAKEN -> HttpStatus.CONFLICT;
            case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
            case USERNAME_INVALID, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_COMMON,
                 PASSWORD_CONTAINS_USERNAME -> HttpStatus.BAD_REQUEST;
        };
        String code = problem.name().toLowerCase(java.util.Locale.ROOT);
        String key = PageMessages.signUpProblem(problem);
        Refusal refusal = switch (problem) {
            case TOO_MANY_ATTEMPTS -> Refusal.untilRetry(status, code, key);
            case PASSWORD_TOO_SHORT -> Refusal.of(status, code, key, PasswordPolicy.MIN_LENGTH);
            case PASSWORD_TOO_LONG -> Refusal.of(status, code, key, PasswordPolicy.MAX_LENGTH);
            default -> Refusal.of(status, code, key);
        };
        return refusal.retryAt(retryAt);
    }

    /** A refused password change or password entered again (no code is involved). */
    public static Refusal of(SettingsProblem problem, Optional<Instant> retryAt) {
        return SettingsFailures.of(problem, null, retryAt);
    }
}
