package dev.aikagi.core.session;

import dev.aikagi.core.crypto.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Opaque session tokens: 256 random bits, Base64url. Stored only as their SHA-256 — a token has full
 * entropy, so no salt or slow hash is needed, and a copy of the database gives no usable token.
 */
public final class SessionTokens {

    private static final int TOKEN_BYTES = 32;
    private final SecretGenerator generator;

    public SessionTokens(SecretGenerator generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    public String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(TOKEN_BYTES));
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required of every Java platform", e);
        }
    }

    /** Whether the text could be one of our tokens at all (checked before any database look-up). */
    public static boolean isWellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }
}
