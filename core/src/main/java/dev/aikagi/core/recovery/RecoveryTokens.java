package dev.aikagi.core.recovery;

import dev.aikagi.core.crypto.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Recovery tokens: the secret that makes a recovery case belong to whoever started it (issue 14). The case's
 * id is not a secret — it is in the audit log that support agents read and export — so every step after the
 * start needs the token too.
 *
 * <p>256 random bits from the {@link SecretGenerator}, Base64url (43 characters), like session tokens. Stored
 * only as their SHA-256 (the token has full entropy: no salt or slow hash is needed, and a copy of the
 * database gives no usable token), compared in constant time (OWASP ASVS 5.0 7.2.3, 16.2.5; STANDARDS.md 25).
 */
public final class RecoveryTokens {

    private static final int TOKEN_BYTES = 32;
    /** Longer input is never one of ours: it is hashed as the empty text, so the work stays the same. */
    private static final int MAX_LENGTH = 128;

    private final SecretGenerator generator;

    public RecoveryTokens(SecretGenerator generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /** A fresh token; the clear text goes to the person who started the case and nowhere else. */
    public String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(TOKEN_BYTES));
    }

    /** The SHA-256 of the token, lower-case hex (64 characters). Null or over-long input hashes as "". */
    public static String hash(String token) {
        String text = token == null || token.length() > MAX_LENGTH ? "" : token;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Whether {@code token} is the one whose hash is {@code storedHash}: the token is hashed whatever it is
     * (missing, malformed, wrong), and the two hashes compared with {@link MessageDigest#isEqual}, so the time
     * taken tells nothing about how close a guess was. An empty stored hash (a case from before tokens)
     * matches nothing.
     */
    public static boolean matches(String token, String storedHash) {
        byte[] given = hash(token).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = (storedHash == null ? "" : storedHash).getBytes(StandardCharsets.US_ASCII);
        boolean wellFormed = token != null && !token.isEmpty() && token.length() <= MAX_LENGTH;
        return MessageDigest.isEqual(given, stored) & wellFormed;
    }
}
