package dev.aikagi.server.oidc;

import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * RP-initiated logout: once the authorization server has checked the {@code id_token_hint} and the
 * {@code post_logout_redirect_uri}, the browser's Aikagi session ends too (it is the login the application
 * relied on), then the browser goes back to the application.
 */
final class EndSessionOnLogout implements AuthenticationSuccessHandler {

    private final Sessions sessions;
    private final WebCookies cookies;
    private final AuthenticationSuccessHandler redirect;

    EndSessionOnLogout(Sessions sessions, WebCookies cookies, AuthenticationSuccessHandler redirect) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.redirect = Objects.requireNonNull(redirect, "redirect");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        if (request.getAttribute(Session.class.getName()) instanceof Session session) {
            sessions.end(session);
        }
        cookies.clear(response, cookies.sessionName());
        redirect.onAuthenticationSuccess(request, response, authentication);
    }
}
