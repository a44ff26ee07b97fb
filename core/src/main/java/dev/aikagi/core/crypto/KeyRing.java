package dev.aikagi.core.crypto;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named secret keys, one of them current. New secrets are made with the current key; older keys stay
 * so that what they protected still verifies or decrypts during a rotation.
 *
 * <p>Keys live outside the database (configuration or a key file) so a stolen database alone does not
 * give an attacker what they need to test guesses offline.
 */
public final class KeyRing {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String currentId;
    private final Map<String, byte[]> keys;

    /**
     * @param currentId id of the key new material is protected with; must be present in {@code keys}
     * @param keys key id to key bytes; every key exactly {@code keyLength} bytes
     * @param keyLength required length in bytes (32 for AES-256 and for the HMAC-SHA-256 pepper)
     */
    public KeyRing(String currentId, Map<String, byte[]> keys, int keyLength) {
        Objects.requireNonNull(currentId, "currentId");
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key id must be 1-32 letters, digits, '_' or '-': '" + id + "'");
            }
            if (key == null || key.length != keyLength) {
                throw new IllegalArgumentException("key '" + id + "' must be " + keyLength + " bytes, was "
                        + (key == null ? "missing" : key.length + " bytes"));
            }
            copy.put(id, key.clone());
        });
        if (!copy.containsKey(currentId)) {
            throw new IllegalArgumentException("current key id '" + currentId + "' is not among the keys " + copy.keySet());
        }
        this.currentId = currentId;
        this.keys = copy;
    }

    public String currentId() {
        return currentId;
    }

    byte[] current() {
        return keys.get(currentId);
    }

    Optional<byte[]> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    java.util.Set<String> ids() {
        return java.util.Collections.unmodifiableSet(keys.keySet());
    }

    public boolean contains(String id) {
        return keys.containsKey(id);
    }

    @Override
    public String toString() {
        // Never print key material.
        return "KeyRing[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRing other && currentId.equals(other.currentId)
                && keys.size() == other.keys.size()
                && keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.keys.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return currentId.hashCode();
    }
}
