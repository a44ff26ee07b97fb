package dev.aikagi.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of secrets at rest (TOTP keys, backup codes kept for showing again).
 *
 * <p>Each value is sealed as {@code keyId:base64(nonce || ciphertext || tag)} with a fresh 96-bit nonce.
 * The caller's associated data (for example the factor id) is authenticated but not stored, so a
 * ciphertext copied to another row fails to open.
 */
public final class SecretCipher {

    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    private final SecretGenerator generator;

    public SecretCipher(KeyRing keys, SecretGenerator generator) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    public String seal(byte[] plaintext, String associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = generator.bytes(NONCE_LENGTH);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.current(), nonce, associatedData, plaintext);
        byte[] out = ByteBuffer.allocate(NONCE_LENGTH + sealed.length).put(nonce).put(sealed).array();
        return keys.currentId() + ":" + Base64.getEncoder().withoutPadding().encodeToString(out);
    }

    /**
     * @throws SecretUnavailableException if the key is unknown, or the value was altered or belongs to
     *     other associated data
     */
    public byte[] open(String sealed, String associatedData) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(associatedData, "associatedData");
        int colon = sealed.indexOf(':');
        if (colon <= 0) {
            throw new SecretUnavailableException("sealed value has no key id");
        }
        String keyId = sealed.substring(0, colon);
        byte[] key = keys.find(keyId)
                .orElseThrow(() -> new SecretUnavailableException("no configured key has id '" + keyId + "'"));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretUnavailableException("sealed value is not Base64");
        }
        if (raw.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new SecretUnavailableException("sealed value is too short");
        }
        byte[] nonce = java.util.Arrays.copyOf(raw, NONCE_LENGTH);
        byte[] body = java.util.Arrays.copyOfRange(raw, NONCE_LENGTH, raw.length);
        return run(Cipher.DECRYPT_MODE, key, nonce, associatedData, body);
    }

    /** Whether the value was sealed with a key other than the current one (and should be re-sealed). */
    public boolean isStale(String sealed) {
        return !sealed.startsWith(keys.currentId() + ":");
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, String associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretUnavailableException("sealed value failed authentication");
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES/GCM/NoPadding is required of every Java platform", e);
        }
    }
}
