package dev.aikagi.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 tags for one purpose (a signed cookie, say), under keys derived from a key ring: no ring key
 * is ever used raw for two purposes. Each derived key is HKDF-Expand (RFC 5869 §2.3) of the ring key with
 * the purpose as {@code info}, one block long; the ring's keys are already uniformly random, so the extract
 * step is not needed (RFC 5869 §3.3). A tag names the key it was made with, so tags made before a rotation
 * still verify while the older key stays in the ring.
 */
public final class PurposeMac {

    private static final String HMAC = "HmacSHA256";
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9.-]{1,64}");

    private final String currentId;
    private final Map<String, byte[]> keys = new LinkedHashMap<>();

    /**
     * @param ring the key ring to derive from
     * @param purpose what the tags are for, e.g. {@code oidc-pending-authorization}; two purposes never share a key
     */
    public PurposeMac(KeyRing ring, String purpose) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(purpose, "purpose");
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be 1-64 of a-z, 0-9, '.' or '-': '" + purpose + "'");
        }
        byte[] info = ("aikagi/mac/" + purpose).getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[info.length + 1];
        System.arraycopy(info, 0, block, 0, info.length);
        block[info.length] = 1; // T(1) = HMAC(PRK, info || 0x01)
        this.currentId = ring.currentId();
        for (String id : ring.ids()) {
            keys.put(id, hmac(ring.find(id).orElseThrow(), block));
        }
    }

    /** A tag made with the current key. */
    public record Tag(String keyId, byte[] value) {
        public Tag {
            Objects.requireNonNull(keyId, "keyId");
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String toString() {
            return "Tag[keyId=" + keyId + "]";
        }
    }

    public Tag sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        return new Tag(currentId, hmac(keys.get(currentId), message));
    }

    /**
     * Whether {@code tag} was made for {@code message} by this purpose's key {@code keyId}, in time that does
     * not depend on where the tags differ. An unknown key id never verifies (and costs the same HMAC).
     */
    public boolean verify(String keyId, byte[] message, byte[] tag) {
        Objects.requireNonNull(message, "message");
        byte[] key = keyId == null ? null : keys.get(keyId);
        boolean known = key != null;
        byte[] expected = hmac(known ? key : keys.get(currentId), message);
        return tag != null & MessageDigest.isEqual(expected, tag == null ? new byte[0] : tag) & known;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "PurposeMac[current=" + currentId + "]";
    }
}
