package dev.aikagi.server.web;

import dev.aikagi.core.factor.FactorKind;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** Checks of request fields, shared by the API controllers. */
public final class ApiRequests {

    /** Longest text field accepted at all; the policies inside limit further. */
    public static final int MAX_FIELD = 1024;

    private static final Map<String, FactorKind> METHODS = Map.of(
            "totp", FactorKind.TOTP, "backup_code", FactorKind.BACKUP_CODE, "sms", FactorKind.SMS);

    private ApiRequests() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing_field", "The field '" + field + "' is required.");
        }
        if (value.length() > MAX_FIELD) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "field_too_long", "The field '" + field + "' is too long.");
        }
        return value;
    }

    public static FactorKind method(String name) {
        return Optional.ofNullable(name).map(METHODS::get).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                "unknown_method", "The field 'method' must be one of totp, backup_code, sms."));
    }

    public static String methodName(FactorKind kind) {
        return switch (kind) {
            case TOTP -> "totp";
            case BACKUP_CODE -> "backup_code";
            case SMS -> "sms";
            case PASSWORD -> throw new AssertionError("the password is never a second-factor method");
        };
    }

    /** The language of messages sent for this request: Japanese if the client prefers it, else English. */
    public static String language(jakarta.servlet.http.HttpServletRequest request) {
        return "ja".equals(request.getLocale().getLanguage()) ? "ja" : "en";
    }
}
