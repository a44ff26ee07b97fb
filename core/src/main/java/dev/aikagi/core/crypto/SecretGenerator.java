package dev.aikagi.core.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/**
 * The one source of randomness for secrets: salts, keys, codes and identifiers.
 *
 * <p>Wraps a single {@link SecureRandom} supplied by the caller (NIST SP 800-63B-4 §3.2.12: an approved
 * random bit generator of at least 112 bits of strength). Tests pass a seeded instance so results repeat.
 */
public final class SecretGenerator {

    private final SecureRandom random;

    public SecretGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The same source, for libraries that take a {@link SecureRandom} (generating key pairs). */
    public SecureRandom secureRandom() {
        return random;
    }

    /** Fresh random bytes. */
    public byte[] bytes(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    /**
     * A uniformly distributed int in {@code [0, bound)}. {@link SecureRandom#nextInt(int)} rejects the
     * values that would cause modulo bias, so every result is equally likely.
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return random.nextInt(bound);
    }

    /** A string of {@code length} decimal digits, each uniform, leading zeros kept. */
    public String digits(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = (char) ('0' + nextInt(10));
        }
        return new String(out);
    }

    /** A random (version 4) UUID drawn from this generator rather than a hidden static one. */
    public UUID uuid() {
        byte[] b = bytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
