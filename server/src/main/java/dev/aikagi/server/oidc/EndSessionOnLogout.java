package dev.aikagi.server.oidc;

import dev.aikagi.core.login.SignOut;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.web.ClientAddresses;
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
 * relied on) with the tokens it gave, as a logout on Aikagi's own page does ({@link SignOut}), then the browser
 * goes back to the application.
 */
final class EndSessionOnLogout implements AuthenticationSuccessHandler {

    private final SignOut signOut;
    private final WebCookies cookies;
    private final AuthenticationSuccessHandler redirect;

    EndSessionOnLogout(SignOut signOut, WebCookies cookies, AuthenticationSuccessHandler redirect) {
        this.signOut = Objects.requireNonNull(signOut, "signOut");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.redirect = Objects.requireNonNull(redirect, "redirect");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        if (request.getAttribute(Session.class.getName()) instanceof Session session) {
            signOut.signOut(session, ClientAddresses.of(request));
        }
        cookies.clear(response, cookies.sessionName());
        redirect.onAuthenticationSuccess(request, response, authentication);
    }
}
