package dev.aikagi.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
                refuse(request, response, 415, "unsupported_media_type", "api.error.unsupported_media_type");
                return;
            }
            if (media.isWildcardType() || media.isWildcardSubtype()) {
                refuse(request, response, 415, "unsupported_media_type", "api.error.unsupported_media_type");
                return;
            }
            if ("multipart".equals(media.getType()) && media.getParameter("boundary") == null) {
                // Answered here on every path: the error page's own dispatch would try to parse the body again
                // (and no browser sends such a request).
                FilterProblems.write(request, response, 400, "malformed_request", "api.error.multipart_no_boundary");
                return;
            }
            if (MediaType.APPLICATION_FORM_URLENCODED.includes(media)) {
                try {
                    request.getParameterMap();
                } catch (RuntimeException unreadable) { // Tomcat's InvalidParameterException, for one
                    refuse(request, response, 400, "malformed_request", "api.error.form_unreadable");
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
            refuse(request, response, 400, "malformed_request", "api.error.form_unreadable");
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
                               String key) throws IOException {
        String path = request.getRequestURI();
        if (path != null && path.startsWith("/api/")) {
            FilterProblems.write(request, response, status, code, key);
        } else {
            response.sendError(status);
        }
    }
}
