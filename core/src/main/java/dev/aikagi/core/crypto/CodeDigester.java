package dev.aikagi.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed digests for short codes (backup codes, SMS and email codes).
 *
 * <p>Such codes have far less than 112 bits of entropy, so NIST SP 800-63B-4 §3.1.2.2 asks for a
 * per-code salt and an approved one-way function. We use HMAC-SHA-256 keyed with a server-side pepper
 * kept outside the database: with the database alone, an attacker cannot test a single guess. A slow
 * KDF per code would make verifying a set of ten codes cost ten password hashes.
 */
public final class CodeDigester {

    /** Salt length in bytes; NIST asks for at least 32 bits, we use 128. */
    public static final int SALT_LENGTH = 16;
    private static final String HMAC = "HmacSHA256";

    private final KeyRing peppers;
    private final SecretGenerator generator;

    public CodeDigester(KeyRing peppers, SecretGenerator generator) {
        this.peppers = Objects.requireNonNull(peppers, "peppers");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /** Digest a normalised code with a fresh salt under the current pepper. */
    public KeyedDigest digest(String code) {
        byte[] salt = generator.bytes(SALT_LENGTH);
        return new KeyedDigest(peppers.currentId(), salt, hmac(peppers.current(), salt, code));
    }

    /**
     * Whether {@code code} is the code behind {@code stored}, in time that does not depend on where the
     * digests differ. A digest made with a key that is no longer configured never matches.
     */
    public boolean matches(String code, KeyedDigest stored) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(stored, "stored");
        byte[] key = peppers.find(stored.keyId()).orElse(null);
        if (key == null) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, stored.salt(), code), stored.digest());
    }

    /** Whether this digest was made with a pepper other than the current one (and should be re-made). */
    public boolean isStale(KeyedDigest stored) {
        return !stored.keyId().equals(peppers.currentId());
    }

    private static byte[] hmac(byte[] key, byte[] salt, String code) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(salt);
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacSHA256 is required of every Java platform", e);
        }
    }
}
