package dev.aikagi.server.web;

import dev.aikagi.server.web.ServiceUnavailable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.context.request.ServletWebRequest;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as {@code application/problem+json} (RFC 9457) with a stable {@code code}: our own
 * refusals, and Spring MVC's (malformed JSON, wrong method, unknown path, bad path variable). Nothing
 * ever carries a stack trace.
 *
 * <p>Not limited to the API's controllers: a wrong method or an unknown path under {@code /api} has no
 * controller at all. For other paths it rethrows, so pages keep their own HTML error pages; it runs last
 * so that the pages' own advice is asked first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    private final Clock clock;

    ApiProblemHandler(Clock clock) {
        this.clock = clock;
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:aikagi:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        ProblemDetail problem = problem(e.status(), e.code(), e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        e.retryAt().ifPresent(at -> {
            problem.setProperty("retryAt", at.toString());
            long seconds = Math.max(1, Duration.between(clock.instant(), at).toSeconds());
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        });
        return ResponseEntity.status(e.status()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request,
                                             jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        if (!isApi(request)) {
            throw sneaky(e);
        }
        if (ServiceUnavailable.isHashingBusy(e)) {
            // Every hash worker busy and the queue full (issue 15): 503 service_busy, nothing was checked.
            ServiceUnavailable.answerBusy(request, response);
            return null;
        }
        if (ServiceUnavailable.isDatabaseUnavailable(e)) {
            // An outage, not a bug: 503 and Retry-After (pages get theirs from ServiceUnavailableFilter).
            log.warn("Database unavailable; answered 503: {}", ServiceUnavailable.describe(e));
            ServiceUnavailable.answer(request, response);
            return null;
        }
        log.error("Unexpected error in the API", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side. Try again later."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (!(request instanceof ServletWebRequest servlet) || !isApi(servlet.getRequest())) {
            throw sneaky(ex);
        }
        String code = switch (status.value()) {
            case 400 -> "malformed_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status.value();
        };
        String detail = switch (code) {
            case "malformed_request" -> "The request could not be read: send a JSON object with the documented fields.";
            case "not_found" -> "There is nothing at this address.";
            case "method_not_allowed" -> "This address does not accept that method.";
            case "unsupported_media_type" -> "Send the body as application/json.";
            default -> HttpStatus.valueOf(status.value()).getReasonPhrase().toLowerCase(Locale.ROOT);
        };
        ProblemDetail problem = problem(status, code, detail);
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(out).body(problem);
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && path.startsWith("/api/");
    }

    /** Rethrows the original exception unchanged, so Spring's next resolver handles it. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
