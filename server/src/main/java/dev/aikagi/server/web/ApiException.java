package dev.aikagi.server.web;

import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A refusal the API answers with an RFC 9457 problem carrying a stable {@code code}. Made from a
 * {@link Refusal}, its {@code detail} is the refusal's text in the language of {@code Accept-Language}.
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Optional<Instant> retryAt;
    private final Optional<Refusal> refusal;

    public ApiException(Refusal refusal) {
        super(refusal.code(), null, false, false);
        this.status = refusal.status();
        this.code = refusal.code();
        this.retryAt = refusal.retryAt();
        this.refusal = Optional.of(refusal);
    }

    public ApiException(HttpStatus status, String code, String detail, Optional<Instant> retryAt) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAt = retryAt;
        this.refusal = Optional.empty();
    }

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Optional.empty());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Instant> retryAt() {
        return retryAt;
    }

    /** The refusal whose translated text is the detail; empty for a detail given as it is. */
    public Optional<Refusal> refusal() {
        return refusal;
    }
}
