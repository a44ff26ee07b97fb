package dev.aikagi.server.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.ResponseCookie;

/**
 * The browser's cookies: the session token, and the id of a login flow in progress. HttpOnly and
 * SameSite=Lax always; with secure cookies on (production, behind HTTPS) they are also Secure and take
 * the {@code __Host-} prefix, which pins them to this host and path.
 */
public final class WebCookies {

    private final boolean secure;

    public WebCookies(boolean secure) {
        this.secure = secure;
    }

    public boolean secure() {
        return secure;
    }

    public String sessionName() {
        return (secure ? "__Host-" : "") + "aikagi_session";
    }

    public String flowName() {
        return (secure ? "__Host-" : "") + "aikagi_flow";
    }

    /** A long-lived random id of this browser, to tell a login from a new device. */
    public String deviceName() {
        return (secure ? "__Host-" : "") + "aikagi_device";
    }

    /** The recovery token of an account recovery in progress (journey 7, issue 14), kept between its pages. */
    public String recoveryName() {
        return (secure ? "__Host-" : "") + "aikagi_recovery";
    }

    /**
     * The token of the session a completed recovery opened, good only for setting a new password. Kept
     * apart from the session cookie: it must never count as a sign-in on the other pages.
     */
    public String recoverySessionName() {
        return (secure ? "__Host-" : "") + "aikagi_recovery_session";
    }

    /**
     * Issue 17: the browser's trusted-device entries ({@code <id>.<secret>} per trusted account), kept for the
     * trust's lifetime; the secret is stored on the server only as a keyed digest.
     */
    public String trustName() {
        return (secure ? "__Host-" : "") + "aikagi_trust";
    }

    public String csrfName() {
        return (secure ? "__Host-" : "") + "aikagi_csrf";
    }

    public Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> c.getName().equals(name)).map(Cookie::getValue).findFirst();
    }

    public void write(HttpServletResponse response, String name, String value, Duration maxAge) {
        response.addHeader("Set-Cookie", ResponseCookie.from(name, value)
                .httpOnly(true).secure(secure).sameSite("Lax").path("/").maxAge(maxAge).build().toString());
    }

    public void clear(HttpServletResponse response, String name) {
        write(response, name, "", Duration.ZERO);
    }

    /** How long a browser keeps its device value (issue 14: a device that completed a login keeps its own budget). */
    public static final Duration DEVICE_COOKIE_AGE = Duration.ofDays(400);

    /**
     * Gives the browser the new token of a session raised to AAL2 (after a step-up, or when the session turned
     * two-step verification on). The CSRF cookie stays: the page rendered with this answer carries its token.
     */
    public void keep(HttpServletResponse response, java.util.Optional<dev.aikagi.core.session.Sessions.Raised> raised) {
        raised.flatMap(dev.aikagi.core.session.Sessions.Raised::newToken)
                .ifPresent(token -> write(response, sessionName(), token, dev.aikagi.core.session.Session.MAX_AGE));
    }
}
