package dev.aikagi.core.factor.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HOTP (RFC 4226 §5) and TOTP (RFC 6238 §4) code generation. Stateless and thread-safe.
 */
public final class Totp {

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /** The time step containing {@code instant}: floor(unix seconds / period) (RFC 6238 §4.2). */
    public static long stepAt(Instant instant, int periodSeconds) {
        return Math.floorDiv(instant.getEpochSecond(), periodSeconds);
    }

    /** The instant a step begins. */
    public static Instant stepStart(long step, int periodSeconds) {
        return Instant.ofEpochSecond(step * periodSeconds);
    }

    /** The TOTP code of {@code key} at {@code instant}. */
    public static String codeAt(byte[] key, Instant instant, TotpParameters parameters) {
        return hotp(key, stepAt(instant, parameters.periodSeconds()), parameters.algorithm(), parameters.digits());
    }

    /**
     * The HOTP value of {@code key} at {@code counter}: HMAC over the 8-byte big-endian counter,
     * dynamic truncation, then the low {@code digits} decimal digits, zero-padded.
     */
    public static String hotp(byte[] key, long counter, TotpAlgorithm algorithm, int digits) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(algorithm, "algorithm");
        return truncate(mac(algorithm, key).doFinal(counterBytes(counter)), checkDigits(digits));
    }

    /**
     * The codes of {@code count} consecutive counters from {@code firstCounter}, with one keyed MAC
     * (a verification window costs one key set-up, not one per step).
     */
    public static String[] hotpRange(byte[] key, long firstCounter, int count, TotpAlgorithm algorithm, int digits) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(algorithm, "algorithm");
        checkDigits(digits);
        Mac mac = mac(algorithm, key);
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = truncate(mac.doFinal(counterBytes(firstCounter + i)), digits);
        }
        return out;
    }

    private static int checkDigits(int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6-8, was " + digits);
        }
        return digits;
    }

    private static byte[] counterBytes(long counter) {
        return ByteBuffer.allocate(8).putLong(counter).array();
    }

    private static String truncate(byte[] hash, int digits) {
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int otp = binary % POWERS[digits];
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = (char) ('0' + otp % 10);
            otp /= 10;
        }
        return new String(out);
    }

    private static Mac mac(TotpAlgorithm algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(algorithm.jcaName() + " is required of every Java platform", e);
        }
    }
}
