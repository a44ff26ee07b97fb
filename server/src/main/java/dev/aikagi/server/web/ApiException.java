package dev.aikagi.server.web;

import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** A refusal the API answers with an RFC 9457 problem carrying a stable {@code code}. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Optional<Instant> retryAt;

    public ApiException(HttpStatus status, String code, String detail, Optional<Instant> retryAt) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAt = retryAt;
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
}
