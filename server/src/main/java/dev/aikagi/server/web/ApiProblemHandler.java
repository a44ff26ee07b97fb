package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
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
 *
 * <p>The {@code detail} is a text of {@code messages.properties} in the language {@code Accept-Language}
 * prefers (Japanese or English, English by default; the pages' language cookie plays no part), the same text
 * the page shows for the same refusal. Which status a refusal gets is the rule of {@link Refusal}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    private final Clock clock;
    private final PageErrors texts;

    ApiProblemHandler(Clock clock, PageErrors texts) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.texts = java.util.Objects.requireNonNull(texts, "texts");
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:aikagi:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e, HttpServletRequest request) {
        Locale locale = PageLocales.fromAcceptLanguage(request);
        String detail = e.refusal().map(r -> texts.text(r, locale)).orElse(e.getMessage());
        ProblemDetail problem = problem(e.status(), e.code(), detail);
        HttpHeaders headers = new HttpHeaders();
        e.refusal().ifPresent(r -> headers.setContentLanguage(locale));
        e.retryAt().ifPresent(at -> {
            problem.setProperty("retryAt", at.toString());
            if (e.refusal().filter(SendAgain::is).isPresent()) {
                // "Send again" too soon (issue 17): when the next code may be asked for, named for what it is.
                problem.setProperty("nextSendAt", at.toString());
            }
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
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                        texts.text("api.error.internal_error", PageLocales.fromAcceptLanguage(request))));
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
        Locale locale = PageLocales.fromAcceptLanguage(servlet.getRequest());
        String detail = switch (code) {
            case "malformed_request", "not_found", "method_not_allowed", "not_acceptable", "request_too_large",
                 "unsupported_media_type" -> texts.text("api.error." + code, locale);
            default -> HttpStatus.valueOf(status.value()).getReasonPhrase().toLowerCase(Locale.ROOT);
        };
        ProblemDetail problem = problem(status, code, detail);
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        out.setContentLanguage(locale);
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
