package dev.aikagi.server.support;

import dev.aikagi.core.support.SupportFailure;
import dev.aikagi.server.web.Refusal;
import org.springframework.http.HttpStatus;

/**
 * The status, code and text of every refused support step, for the request form, the agents' console and the
 * approval link. The texts of the request form name the upload limits as {@code {0}} (megabytes) and {@code {1}}
 * (files).
 */
public final class SupportFailures {

    private SupportFailures() {
    }

    public static Refusal of(SupportFailure failure, long megabytes, int maxFiles) {
        HttpStatus status = switch (failure) {
            case USERNAME_MISSING, CONTACT_INVALID, STATEMENT_MISSING, STATEMENT_TOO_LONG, TOO_MANY_FILES, FILE_EMPTY,
                 FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, FILE_NOT_WHAT_IT_CLAIMS, REASON_MISSING, REASON_TOO_LONG ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_OPEN, NO_ACCOUNT, SAME_AGENT, OWN_ACCOUNT -> HttpStatus.CONFLICT;
            case LINK_INVALID -> HttpStatus.GONE;
        };
        return Refusal.of(status, failure.code(), "support.error." + failure.code(), megabytes, maxFiles);
    }
}
