package dev.aikagi.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repeatable secrets for tests: a seeded {@link SecretGenerator} and key rings whose keys are derived
 * from their ids, so two rings built with the same id hold the same key.
 */
public final class TestSecrets {

    /** Key length of the pepper (HMAC-SHA-256) and encryption (AES-256) rings. */
    public static final int KEY_LENGTH = 32;

    private TestSecrets() {
    }

    /**
     * A generator whose output depends only on {@code seed}. SHA1PRNG seeded before its first use does
     * not mix in system entropy, unlike the platform default (NativePRNG/DRBG).
     */
    public static SecretGenerator generator(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return new SecretGenerator(random);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA1PRNG is shipped with every JDK", e);
        }
    }

    /** The 32-byte test key of {@code id}: SHA-256 of a fixed prefix and the id. */
    public static byte[] key(String id) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("aikagi-test-key:" + id).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required of every Java platform", e);
        }
    }

    /** A ring holding only the key {@code id}, which is current. */
    public static KeyRing keyRing(String id) {
        return keyRing(id, new String[0]);
    }

    /** A ring whose current key is {@code currentId}, also holding the older keys {@code olderIds}. */
    public static KeyRing keyRing(String currentId, String... olderIds) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(currentId, key(currentId));
        for (String id : olderIds) {
            keys.put(id, key(id));
        }
        return new KeyRing(currentId, keys, KEY_LENGTH);
    }
}
