package dev.aikagi.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * What the signed-in page shows: the ID token's claims and the tokens the demo holds. Tokens are shown
 * as a short fingerprint (the start of their SHA-256), never in full, except the ID token, which the page
 * keeps folded away for developers who want to paste it into a JWT viewer.
 */
record SignedIn(String username, String subject, String email, List<AuthenticationMethods.Method> methods,
        String acr, String level, Instant authTime, String issuer, String idToken, Tokens tokens) {

    /** The access token's fingerprint and expiry, and whether a refresh token came with it. */
    record Tokens(String accessTokenFingerprint, Instant accessTokenExpiresAt, boolean refreshable) {

        static Tokens of(OAuth2AuthorizedClient client) {
            if (client == null) {
                return null;
            }
            return new Tokens(fingerprint(client.getAccessToken()), toSeconds(client.getAccessToken().getExpiresAt()),
                    client.getRefreshToken() != null);
        }
    }

    static SignedIn of(OidcUser user, OAuth2AuthorizedClient client) {
        Objects.requireNonNull(user, "user");
        String acr = user.getClaimAsString("acr");
        return new SignedIn(user.getPreferredUsername(), user.getSubject(), user.getEmail(),
                AuthenticationMethods.describe(user.getClaimAsStringList("amr")), acr, AuthenticationMethods.level(acr),
                toSeconds(user.getAuthenticatedAt()), user.getIssuer() == null ? null : user.getIssuer().toString(),
                user.getIdToken().getTokenValue(), Tokens.of(client));
    }

    /** Token times to the second, as people read them (tokens carry whole seconds; Spring adds the nanoseconds of now). */
    static Instant toSeconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    static String fingerprint(AbstractOAuth2Token token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getTokenValue().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
