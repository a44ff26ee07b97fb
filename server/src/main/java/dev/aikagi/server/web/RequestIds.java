package dev.aikagi.server.web;

import dev.aikagi.core.crypto.SecretGenerator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, in the log lines written while it runs ({@value #MDC_KEY} in the MDC, so in
 * the structured JSON logs) and in the {@value #HEADER} response header, so that a person's report or the
 * proxy's access log leads to the server's lines. A reverse proxy's own id ({@code X-Request-Id}, nginx's
 * {@code $request_id}) is kept when it is a short token of safe characters; anything else is replaced,
 * so a client cannot write into the logs.
 *
 * <p>It also runs on the error dispatch that renders an error page, with the id of the original request.
 */
public final class RequestIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SecretGenerator generator;

    public RequestIds(SecretGenerator generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getAttribute(ATTRIBUTE) instanceof String earlier ? earlier : idFor(request);
        request.setAttribute(ATTRIBUTE, id);
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, id);
        }
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, outer);
            }
        }
    }

    private String idFor(HttpServletRequest request) {
        String incoming = request.getHeader(HEADER);
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : generator.uuid().toString();
    }

    /** The error page of a failed request belongs to that request. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
