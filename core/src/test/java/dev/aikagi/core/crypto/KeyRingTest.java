package dev.aikagi.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

    private static final int LENGTH = TestSecrets.KEY_LENGTH;

    @Test
    void constructorWhenNullArgumentsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> new KeyRing(null, Map.of("k1", new byte[LENGTH]), LENGTH))
                .withMessage("currentId");
        assertThatNullPointerException().isThrownBy(() -> new KeyRing("k1", null, LENGTH))
                .withMessage("keys");
    }

    @Test
    void constructorWhenNoKeysThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyRing("k1", Map.of(), LENGTH))
                .withMessage("a key ring needs at least one key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad id", "key:1", "schlüssel", "k/1", "abcdefghijklmnopqrstuvwxyz0123456"})
    void constructorWhenKeyIdMalformedThenRejectedWithTheId(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyRing(id, Map.of(id, new byte[LENGTH]), LENGTH))
                .withMessage("key id must be 1-32 letters, digits, '_' or '-': '" + id + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k", "K1", "2026-01_pepper", "abcdefghijklmnopqrstuvwxyz012345"})
    void constructorWhenKeyIdWellFormedThenAccepted(String id) {
        assertThat(new KeyRing(id, Map.of(id, new byte[LENGTH]), LENGTH).currentId()).isEqualTo(id);
    }

    @Test
    void constructorWhenKeyHasWrongLengthThenRejectedWithLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyRing("k1", Map.of("k1", new byte[16]), LENGTH))
                .withMessage("key 'k1' must be 32 bytes, was 16 bytes");
    }

    @Test
    void constructorWhenKeyMissingThenRejected() {
        Map<String, byte[]> keys = new HashMap<>();
        keys.put("k1", null);
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyRing("k1", keys, LENGTH))
                .withMessage("key 'k1' must be 32 bytes, was missing");
    }

    @Test
    void constructorWhenCurrentIdAbsentThenRejectedListingIds() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", TestSecrets.key("k1"));
        keys.put("k2", TestSecrets.key("k2"));
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyRing("k3", keys, LENGTH))
                .withMessage("current key id 'k3' is not among the keys [k1, k2]");
    }

    @Test
    void constructorWhenCallerChangesKeyAfterwardsThenRingUnaffected() {
        byte[] key = TestSecrets.key("k1");
        Map<String, byte[]> keys = new HashMap<>();
        keys.put("k1", key);
        KeyRing ring = new KeyRing("k1", keys, LENGTH);

        Arrays.fill(key, (byte) 0);
        keys.put("k2", TestSecrets.key("k2"));

        assertThat(ring.current()).isEqualTo(TestSecrets.key("k1"));
        assertThat(ring.contains("k2")).isFalse();
    }

    @Test
    void findWhenIdKnownThenKeyElseEmpty() {
        KeyRing ring = TestSecrets.keyRing("new", "old");

        assertThat(ring.currentId()).isEqualTo("new");
        assertThat(ring.current()).isEqualTo(TestSecrets.key("new"));
        assertThat(ring.find("old")).hasValueSatisfying(k -> assertThat(k).isEqualTo(TestSecrets.key("old")));
        assertThat(ring.find("gone")).isEmpty();
        assertThat(ring.contains("old")).isTrue();
        assertThat(ring.contains("gone")).isFalse();
    }

    @Test
    void toStringWhenCalledThenShowsIdsButNoKeyMaterial() {
        KeyRing ring = TestSecrets.keyRing("new", "old");

        String text = ring.toString();

        assertThat(text).isEqualTo("KeyRing[current=new, ids=[new, old]]");
        for (String id : new String[] {"new", "old"}) {
            byte[] key = TestSecrets.key(id);
            assertThat(text)
                    .doesNotContain(HexFormat.of().formatHex(key))
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(key, 0, 4))
                    .doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 8))
                    .doesNotContain(Arrays.toString(key).substring(0, 12));
        }
    }

    @Test
    void equalsWhenSameIdsAndKeyBytesThenEqual() {
        assertThat(TestSecrets.keyRing("a", "b")).isEqualTo(TestSecrets.keyRing("a", "b"))
                .hasSameHashCodeAs(TestSecrets.keyRing("a", "b"));
        assertThat(TestSecrets.keyRing("a", "b")).isNotEqualTo(TestSecrets.keyRing("b", "a"));
        assertThat(TestSecrets.keyRing("a")).isNotEqualTo(TestSecrets.keyRing("a", "b"));
        assertThat(new KeyRing("a", Map.of("a", new byte[LENGTH]), LENGTH)).isNotEqualTo(TestSecrets.keyRing("a"));
    }
}
