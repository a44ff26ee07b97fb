package dev.aikagi.server.login;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.Refusal;
import dev.aikagi.server.web.SendAgain;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The status, code and text of every refused login step, for the login pages and {@code /api/v1/login} alike.
 * A wrong password or code is {@code 401} here: the caller is not authenticated yet (the rule of
 * {@link Refusal}).
 */
public final class LoginFailures {

    /**
     * Issue 17: {@code "rememberDevice": true} without an {@code Aikagi-Device} value long enough to be random (22
     * to 128 printable characters, as 16 or more random bytes in base64url make). Refused before the code is
     * checked, so the code is not spent.
     */
    public static final Refusal DEVICE_VALUE_TOO_SHORT = Refusal.of(HttpStatus.BAD_REQUEST, "device_value_too_short",
            "api.error.device_value_too_short");

    private LoginFailures() {
    }

    /**
     * The refusal of {@code failure}; {@code method} is the factor whose code was refused (null when no code was
     * involved): a malformed code says how many digits the method's codes have, and a used TOTP code means
     * waiting for the next one rather than "each code works once".
     */
    public static Refusal of(LoginFailure failure, FactorKind method, Optional<Instant> retryAt) {
        HttpStatus status = switch (failure) {
            case INVALID_CREDENTIALS, CODE_INVALID, CODE_ALREADY_USED, CODE_FROM_REPLACED_SET, NO_CODES_LEFT,
                 CODE_EXPIRED, CODE_SUPERSEDED, PASSKEY_INVALID -> HttpStatus.UNAUTHORIZED;
            case CODE_MALFORMED, METHOD_NOT_AVAILABLE -> HttpStatus.BAD_REQUEST;
            case PHONE_REGION_NOT_ALLOWED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_ATTEMPTS, METHOD_LOCKED, TOO_MANY_SENDS, SENT_RECENTLY -> HttpStatus.TOO_MANY_REQUESTS;
            case FLOW_EXPIRED -> HttpStatus.GONE;
            case DELIVERY_FAILED -> HttpStatus.BAD_GATEWAY;
            // Only after the right password (issue 18): before it, a disabled account answers like a wrong one.
            case ACCOUNT_DISABLED -> HttpStatus.FORBIDDEN;
        };
        Refusal refusal = switch (failure) {
            case TOO_MANY_ATTEMPTS -> Refusal.untilRetry(status, failure.code(), "error.too_many_attempts");
            case TOO_MANY_SENDS -> Refusal.untilRetry(status, failure.code(), "error.too_many_sends");
            case SENT_RECENTLY -> SendAgain.refusal(status, failure.code());
            case CODE_MALFORMED -> PageMessages.malformedCode(status, failure.code(), method);
            default -> Refusal.of(status, failure.code(), PageMessages.loginFailure(failure, method));
        };
        return refusal.retryAt(retryAt);
    }
}
