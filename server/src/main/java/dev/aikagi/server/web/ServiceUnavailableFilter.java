package dev.aikagi.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link ServiceUnavailable}'s 503 for full password-hash workers (pages), and for a database failure outside the API's controllers: in the filters that read
 * the session from the database, and in pages, whose errors leave Spring MVC unhandled. Runs before Spring
 * Security, so it sees what every later filter throws.
 */
public final class ServiceUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (ServiceUnavailable.isHashingBusy(e) && !response.isCommitted()) {
                log.debug("Hash workers busy; answered 503");
                ServiceUnavailable.answerBusy(request, response);
                return;
            }
            if (!ServiceUnavailable.isDatabaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable; answered 503: {}", ServiceUnavailable.describe(e));
            ServiceUnavailable.answer(request, response);
        }
    }
}
