package dev.aikagi.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose form cannot be read, before any filter or controller tries to read them (and
 * fails with a 500): a Content-Type that is no media type or a wildcard (415), and a multipart body without
 * its boundary, or a form that cannot be decoded (400). The API gets problem+json with a stable {@code code}, pages the error page of the
 * status. (Found by the reliability suite's generated requests.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public final class RequestShapeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        MediaType media = null;
        if (type != null && !type.isBlank()) {
            try {
                media = MediaType.parseMediaType(type);
            } catch (IllegalArgumentException notAMediaType) {
                refuse(request, response, 415, "unsupported_media_type", "Send the body as application/json.");
                return;
            }
            if (media.isWildcardType() || media.isWildcardSubtype()) {
                refuse(request, response, 415, "unsupported_media_type", "Send the body as application/json.");
                return;
            }
            if ("multipart".equals(media.getType()) && media.getParameter("boundary") == null) {
                // Answered here on every path: the error page's own dispatch would try to parse the body again
                // (and no browser sends such a request).
                problem(response, 400, "malformed_request", "The multipart body has no boundary.");
                return;
            }
            if (MediaType.APPLICATION_FORM_URLENCODED.includes(media)) {
                try {
                    request.getParameterMap();
                } catch (RuntimeException unreadable) { // Tomcat's InvalidParameterException, for one
                    refuse(request, response, 400, "malformed_request", "The form could not be read.");
                    return;
                }
            }
        }
        try {
            chain.doFilter(request, response);
        } catch (HttpMessageNotReadableException unreadable) {
            // Spring's FormContentFilter decodes PUT, PATCH and DELETE forms before any controller runs.
            if (response.isCommitted()) {
                throw unreadable;
            }
            refuse(request, response, 400, "malformed_request", "The form could not be read.");
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
                               String detail) throws IOException {
        String path = request.getRequestURI();
        if (path != null && path.startsWith("/api/")) {
            problem(response, status, code, detail);
        } else {
            response.sendError(status);
        }
    }

    /** An RFC 9457 problem with a stable {@code code}, as ApiProblemHandler writes them. */
    private static void problem(HttpServletResponse response, int status, String code, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"urn:aikagi:problem:" + code + "\",\"title\":\""
                + org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase() + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}");
    }
}
