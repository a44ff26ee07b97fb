package dev.aikagi.core.factor.totp;

import java.util.Objects;

/**
 * How codes are computed for one factor. {@link #DEFAULT} is what every authenticator app supports:
 * SHA-1, 6 digits, 30 seconds (Google Authenticator ignores other values in the key URI).
 */
public record TotpParameters(TotpAlgorithm algorithm, int digits, int periodSeconds) {

    public static final TotpParameters DEFAULT = new TotpParameters(TotpAlgorithm.SHA1, 6, 30);

    public TotpParameters {
        Objects.requireNonNull(algorithm, "algorithm");
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("TOTP digits must be 6 or 8, was " + digits);
        }
        if (periodSeconds < 15 || periodSeconds > 120) {
            throw new IllegalArgumentException("TOTP period must be 15-120 seconds, was " + periodSeconds);
        }
    }
}
