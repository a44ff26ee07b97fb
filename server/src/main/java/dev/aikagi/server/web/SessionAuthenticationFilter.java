package dev.aikagi.server.web;

import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its session token: the {@code Authorization: Bearer} header for the
 * JSON API, the session cookie for pages. No HttpSession is ever created.
 */
public final class SessionAuthenticationFilter extends OncePerRequestFilter {

    private final Sessions sessions;
    private final WebCookies cookies;
    private final boolean bearer;

    /** @param bearer true for the API chain (header), false for pages (cookie) */
    public SessionAuthenticationFilter(Sessions sessions, WebCookies cookies, boolean bearer) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.bearer = bearer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = bearer ? bearerToken(request) : cookies.read(request, cookies.sessionName());
        Optional<Session> session = token.flatMap(sessions::find);
        if (session.isPresent()) {
            SessionAuthentication authentication = new SessionAuthentication(session.get());
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        } else if (!bearer && token.isPresent()) {
            // An ended or expired session: drop the stale cookie.
            cookies.clear(response, cookies.sessionName());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
