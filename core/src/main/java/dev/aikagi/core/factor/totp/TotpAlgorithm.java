package dev.aikagi.core.factor.totp;

/** The HMAC behind a TOTP code (RFC 6238 §1.2), with the name used in key URIs. */
public enum TotpAlgorithm {
    SHA1("HmacSHA1", 20),
    SHA256("HmacSHA256", 32),
    SHA512("HmacSHA512", 64);

    private final String jcaName;
    private final int keyLength;

    TotpAlgorithm(String jcaName, int keyLength) {
        this.jcaName = jcaName;
        this.keyLength = keyLength;
    }

    String jcaName() {
        return jcaName;
    }

    /** The key length in bytes we generate for this algorithm: its output size (RFC 4226 R6 asks ≥ 128 bits). */
    public int keyLength() {
        return keyLength;
    }
}
