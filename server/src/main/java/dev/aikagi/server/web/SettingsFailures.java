package dev.aikagi.server.web;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.settings.SettingsProblem;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The status, code and text of every {@link SettingsProblem}. The settings services serve several journeys
 * (two-step methods, contacts, the password, recovery's new password), so the one table lives here; each
 * journey's {@code *Failures} class names the method its codes belong to and calls it. The statuses follow
 * the rule of {@link Refusal}: a wrong code or password inside a session is {@code 422}, never {@code 401}.
 */
public final class SettingsFailures {

    private SettingsFailures() {
    }

    /**
     * The refusal of {@code problem}; {@code method} is the factor whose code was refused (null when no code
     * was involved): a malformed code says how many digits its codes have.
     */
    public static Refusal of(SettingsProblem problem, FactorKind method, Optional<Instant> retryAt) {
        HttpStatus status = switch (problem) {
            case REAUTHENTICATION_REQUIRED, SECOND_FACTOR_REQUIRED -> HttpStatus.FORBIDDEN;
            case PASSWORD_WRONG, CODE_INVALID, CODE_ALREADY_USED, CODE_FROM_REPLACED_SET, CODE_EXPIRED,
                 CODE_SUPERSEDED, PHONE_REGION_NOT_ALLOWED, PASSKEY_INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_ATTEMPTS, METHOD_LOCKED, TOO_MANY_SENDS, SENT_RECENTLY -> HttpStatus.TOO_MANY_REQUESTS;
            case CODE_MALFORMED, METHOD_NOT_AVAILABLE, PHONE_INVALID, PHONE_NOT_MOBILE, EMAIL_INVALID,
                 PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_COMMON, PASSWORD_CONTAINS_USERNAME,
                 AUTHENTICATOR_NAME_INVALID ->
                    HttpStatus.BAD_REQUEST;
            case CONTACTS_FROZEN, NO_PENDING_ENROLLMENT, TWO_STEP_NOT_ENABLED, CODES_NOT_SHOWABLE,
                 NO_PENDING_VERIFICATION, ALREADY_VERIFIED, LAST_METHOD, TOO_MANY_AUTHENTICATORS -> HttpStatus.CONFLICT;
            case AUTHENTICATOR_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case DELIVERY_FAILED -> HttpStatus.BAD_GATEWAY;
            case PASSKEY_NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        Refusal refusal = switch (problem) {
            case TOO_MANY_ATTEMPTS -> Refusal.untilRetry(status, problem.code(), "error.too_many_attempts");
            case TOO_MANY_SENDS -> Refusal.untilRetry(status, problem.code(), "error.too_many_sends");
            case SENT_RECENTLY -> SendAgain.refusal(status, problem.code());
            case CODE_MALFORMED -> PageMessages.malformedCode(status, problem.code(), method);
            case TOO_MANY_AUTHENTICATORS -> Refusal.of(status, problem.code(), "error.too_many_authenticators",
                    dev.aikagi.core.factor.totp.TotpAuthenticator.MAX_CONFIRMED);
            case AUTHENTICATOR_NAME_INVALID -> Refusal.of(status, problem.code(), "error.authenticator_name_invalid",
                    dev.aikagi.core.factor.totp.AuthenticatorNames.MAX_LENGTH);
            default -> Refusal.of(status, problem.code(), PageMessages.settingsProblem(problem, method));
        };
        return refusal.retryAt(retryAt);
    }
}
