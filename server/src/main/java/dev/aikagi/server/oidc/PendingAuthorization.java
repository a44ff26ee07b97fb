package dev.aikagi.server.oidc;

import dev.aikagi.core.crypto.PurposeMac;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An application's authorization request waiting for the person to log in: kept in a cookie while the login
 * pages run, so that the last step goes back to it instead of to the settings. Holds when the login was
 * asked for, so a request that demands a fresh login ({@code prompt=login}, {@code max_age}, a higher
 * {@code acr}) is satisfied only by a session that began after it.
 *
 * <p>The cookie is signed (HMAC-SHA-256 under a key derived for this purpose from the pepper key ring,
 * {@link PurposeMac}) over the time and the whole request, and is good for 30 minutes by the server's clock:
 * a forged or altered cookie, an old one, or one remembered for another request never counts as the fresh
 * login a request demanded (issue 14; OpenID Connect Core 1.0 §3.1.2.1 {@code prompt=login}, {@code max_age}).
 *
 * <p>Only ever a path of this server's own authorization endpoint: the cookie cannot become an open
 * redirect (the endpoint checks the client's redirect URI itself).
 */
public final class PendingAuthorization {

    static final String ENDPOINT = "/oauth2/authorize";
    static final String PURPOSE = "oidc-pending-authorization";
    static final Duration AGE = Duration.ofMinutes(30);
    /** Tolerated difference between nodes' clocks for a cookie made "in the future". */
    private static final Duration SKEW = Duration.ofMinutes(1);
    /** Keeps the cookie (name, key id, Base64 of time and path, tag) under the 4,096 bytes browsers keep. */
    private static final int MAX_LENGTH = 2900;
    private static final String VERSION = "v1";
    private static final Pattern SHAPE = Pattern.compile(VERSION + "\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");

    private final WebCookies cookies;
    private final PurposeMac mac;
    private final Clock clock;

    public PendingAuthorization(WebCookies cookies, PurposeMac mac, Clock clock) {
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.mac = Objects.requireNonNull(mac, "mac");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The request and when the login for it was asked for. */
    public record Pending(String path, Instant askedAt) {

        /** Whether this is the authorization request being served now (same parameters, in the same order). */
        boolean isFor(HttpServletRequest request) {
            return path.equals(pathOf(request));
        }
    }

    public String cookieName() {
        return (cookies.secure() ? "__Host-" : "") + "aikagi_oidc";
    }

    void remember(HttpServletResponse response, HttpServletRequest request, Instant now) {
        String path = pathOf(request);
        if (path.length() > MAX_LENGTH) {
            return;
        }
        cookies.write(response, cookieName(), encode(new Pending(path, now)), AGE);
    }

    /** The pending request, if the cookie is one this server signed for it less than 30 minutes ago. */
    public Optional<Pending> read(HttpServletRequest request) {
        return cookies.read(request, cookieName()).flatMap(this::decode);
    }

    public void clear(HttpServletResponse response) {
        cookies.clear(response, cookieName());
    }

    private static String pathOf(HttpServletRequest request) {
        String query = request.getQueryString();
        return ENDPOINT + (query == null ? "" : "?" + query);
    }

    String encode(Pending pending) {
        String payload = b64((pending.askedAt().toEpochMilli() + "|" + pending.path()).getBytes(StandardCharsets.UTF_8));
        PurposeMac.Tag tag = mac.sign(covered(payload));
        return VERSION + "." + tag.keyId() + "." + payload + "." + b64(tag.value());
    }

    Optional<Pending> decode(String value) {
        if (value.length() > MAX_LENGTH * 2 || !SHAPE.matcher(value).matches()) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.");
        try {
            if (!mac.verify(parts[1], covered(parts[2]), Base64.getUrlDecoder().decode(parts[3]))) {
                return Optional.empty();
            }
            String text = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 1) {
                return Optional.empty();
            }
            String path = text.substring(bar + 1);
            if (!(path.equals(ENDPOINT) || path.startsWith(ENDPOINT + "?")) || path.contains("#")
                    || path.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                return Optional.empty();
            }
            Instant askedAt = Instant.ofEpochMilli(Long.parseLong(text.substring(0, bar)));
            Instant now = clock.instant();
            if (askedAt.isAfter(now.plus(SKEW)) || !now.isBefore(askedAt.plus(AGE))) {
                return Optional.empty();
            }
            return Optional.of(new Pending(path, askedAt));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What the tag covers: the format's version and the payload (the key id only picks the key). */
    private static byte[] covered(String payload) {
        return (VERSION + "." + payload).getBytes(StandardCharsets.US_ASCII);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
