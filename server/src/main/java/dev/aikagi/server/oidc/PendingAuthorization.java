package dev.aikagi.server.oidc;

import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An application's authorization request waiting for the person to log in: kept in a cookie while the login
 * pages run, so that the last step goes back to it instead of to the settings. Holds when the login was
 * asked for, so a request that demands a fresh login ({@code prompt=login}, {@code max_age}, a higher
 * {@code acr}) is satisfied only by a session that began after it.
 *
 * <p>Only ever a path of this server's own authorization endpoint: the cookie cannot become an open
 * redirect (the endpoint checks the client's redirect URI itself).
 */
public final class PendingAuthorization {

    static final String ENDPOINT = "/oauth2/authorize";
    private static final Duration AGE = Duration.ofMinutes(30);
    private static final int MAX_LENGTH = 3000;

    private final WebCookies cookies;

    public PendingAuthorization(WebCookies cookies) {
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    /** The request and when the login for it was asked for. */
    public record Pending(String path, Instant askedAt) {
    }

    public String cookieName() {
        return (cookies.secure() ? "__Host-" : "") + "aikagi_oidc";
    }

    void remember(HttpServletResponse response, HttpServletRequest request, Instant now) {
        String query = request.getQueryString();
        String path = ENDPOINT + (query == null ? "" : "?" + query);
        if (path.length() > MAX_LENGTH) {
            return;
        }
        String value = now.toEpochMilli() + "|" + path;
        cookies.write(response, cookieName(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)), AGE);
    }

    public Optional<Pending> read(HttpServletRequest request) {
        return cookies.read(request, cookieName()).flatMap(PendingAuthorization::decode);
    }

    public void clear(HttpServletResponse response) {
        cookies.clear(response, cookieName());
    }

    static Optional<Pending> decode(String value) {
        if (value.length() > MAX_LENGTH * 2) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 1) {
                return Optional.empty();
            }
            String path = text.substring(bar + 1);
            if (!(path.equals(ENDPOINT) || path.startsWith(ENDPOINT + "?")) || path.contains("#")
                    || path.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                return Optional.empty();
            }
            return Optional.of(new Pending(path, Instant.ofEpochMilli(Long.parseLong(text.substring(0, bar)))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
