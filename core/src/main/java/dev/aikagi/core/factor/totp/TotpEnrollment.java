package dev.aikagi.core.factor.totp;

import java.util.Objects;
import java.util.UUID;

/**
 * What a person needs to add the key to an authenticator app: the key as Base32 text and the
 * {@code otpauth://} URI for the QR code. Both contain the secret: show them, never log them.
 */
public record TotpEnrollment(UUID factorId, String base32Secret, String keyUri) {
    public TotpEnrollment {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(base32Secret, "base32Secret");
        Objects.requireNonNull(keyUri, "keyUri");
    }

    /** The key in groups of four, as shown for typing by hand. */
    public String groupedSecret() {
        return Base32.grouped(base32Secret);
    }

    @Override
    public String toString() {
        return "TotpEnrollment[factorId=" + factorId + "]";
    }
}
