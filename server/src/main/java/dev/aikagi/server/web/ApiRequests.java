package dev.aikagi.server.web;

import dev.aikagi.core.factor.FactorKind;
import org.springframework.http.HttpStatus;

/** Checks of request fields, shared by the API controllers. */
public final class ApiRequests {

    /** Longest text field accepted at all; the policies inside limit further. */
    public static final int MAX_FIELD = 1024;

    private ApiRequests() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new ApiException(Refusal.of(HttpStatus.BAD_REQUEST, "missing_field", "api.error.missing_field", field));
        }
        if (value.length() > MAX_FIELD) {
            throw new ApiException(Refusal.of(HttpStatus.BAD_REQUEST, "field_too_long", "api.error.field_too_long", field));
        }
        return value;
    }

    /** The second factor a request names ({@link PageMessages#secondFactor}, the one table of method names). */
    public static FactorKind method(String name) {
        return PageMessages.secondFactor(name).orElseThrow(() -> new ApiException(UNKNOWN_METHOD));
    }

    /** The bad input "not one of the second-factor methods", for the pages and the API. */
    public static final Refusal UNKNOWN_METHOD = Refusal.of(HttpStatus.BAD_REQUEST, "unknown_method",
            "error.unknown_method");

    public static String methodName(FactorKind kind) {
        if (kind == FactorKind.PASSWORD) {
            throw new AssertionError("the password is never a second-factor method");
        }
        return PageMessages.methodName(kind);
    }

    /** The language of messages sent for this request: Japanese if the client prefers it, else English. */
    public static String language(jakarta.servlet.http.HttpServletRequest request) {
        return "ja".equals(request.getLocale().getLanguage()) ? "ja" : "en";
    }
}
