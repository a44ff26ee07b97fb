package dev.aikagi.server.web;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.settings.SettingsProblem;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The text of a refusal in the reader's language, with when to try again where there is a limit, and
 * the HTTP status of the page that shows it.
 */
@Component
public final class PageErrors {

    private final MessageSource messages;
    private final PageFormats formats;

    PageErrors(MessageSource messages, PageFormats formats) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.formats = Objects.requireNonNull(formats, "formats");
    }

    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    public String loginFailure(LoginFailure failure, Optional<Instant> retryAt, FactorKind method, Locale locale) {
        if (failure == LoginFailure.TOO_MANY_ATTEMPTS) {
            return tooManyAttempts(retryAt, locale);
        }
        if (failure == LoginFailure.TOO_MANY_SENDS) {
            return tooManySends(retryAt, locale);
        }
        return withDigits(PageMessages.loginFailure(failure, method), locale);
    }

    public String settingsProblem(SettingsProblem problem, Optional<Instant> retryAt, FactorKind method, Locale locale) {
        if (problem == SettingsProblem.TOO_MANY_ATTEMPTS) {
            return tooManyAttempts(retryAt, locale);
        }
        if (problem == SettingsProblem.TOO_MANY_SENDS) {
            return tooManySends(retryAt, locale);
        }
        return withDigits(PageMessages.settingsProblem(problem, method), locale);
    }

    public static HttpStatus status(LoginFailure failure) {
        return switch (failure) {
            case TOO_MANY_ATTEMPTS, METHOD_LOCKED, TOO_MANY_SENDS -> HttpStatus.TOO_MANY_REQUESTS;
            case CODE_MALFORMED, METHOD_NOT_AVAILABLE -> HttpStatus.BAD_REQUEST;
            case DELIVERY_FAILED -> HttpStatus.BAD_GATEWAY;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    public static HttpStatus status(SettingsProblem problem) {
        return switch (problem) {
            case TOO_MANY_ATTEMPTS, METHOD_LOCKED, TOO_MANY_SENDS -> HttpStatus.TOO_MANY_REQUESTS;
            case CODE_MALFORMED, PHONE_INVALID, PHONE_NOT_MOBILE, EMAIL_INVALID -> HttpStatus.BAD_REQUEST;
            case PHONE_REGION_NOT_ALLOWED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case REAUTHENTICATION_REQUIRED -> HttpStatus.UNAUTHORIZED;
            case NO_PENDING_ENROLLMENT, TWO_STEP_NOT_ENABLED, CODES_NOT_SHOWABLE, NO_PENDING_VERIFICATION,
                 ALREADY_VERIFIED, LAST_METHOD -> HttpStatus.CONFLICT;
            case DELIVERY_FAILED -> HttpStatus.BAD_GATEWAY;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    private String tooManyAttempts(Optional<Instant> retryAt, Locale locale) {
        return retryAt.map(at -> text("error.too_many_attempts", locale, formats.time(at, locale)))
                .orElseGet(() -> text("error.too_many_attempts.later", locale));
    }

    private String tooManySends(Optional<Instant> retryAt, Locale locale) {
        return retryAt.map(at -> text("error.too_many_sends", locale, formats.time(at, locale)))
                .orElseGet(() -> text("error.too_many_sends.later", locale));
    }

    /** The TOTP format message names the number of digits; every other message takes no argument. */
    private String withDigits(String key, Locale locale) {
        return key.equals("error.code_malformed.totp")
                ? text(key, locale, TotpParameters.DEFAULT.digits())
                : text(key, locale);
    }
}
