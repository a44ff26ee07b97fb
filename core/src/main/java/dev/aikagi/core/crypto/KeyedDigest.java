package dev.aikagi.core.crypto;

import java.util.Objects;

/**
 * A keyed HMAC-SHA-256 digest of a short secret, with the per-secret random salt it was made with and
 * the id of the pepper key used (so the pepper can rotate).
 */
public record KeyedDigest(String keyId, byte[] salt, byte[] digest) {
    public KeyedDigest {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(digest, "digest");
        salt = salt.clone();
        digest = digest.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyedDigest other && keyId.equals(other.keyId)
                && java.util.Arrays.equals(salt, other.salt) && java.util.Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + java.util.Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "KeyedDigest[keyId=" + keyId + "]";
    }
}
