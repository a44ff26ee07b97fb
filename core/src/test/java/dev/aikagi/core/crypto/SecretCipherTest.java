package dev.aikagi.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String CONTEXT = "totp:5f0c8d1e-3b7a-4c2d-9e8f-0a1b2c3d4e5f";

    private final SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), TestSecrets.generator(7));

    @Test
    void constructorWhenNullArgumentsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> new SecretCipher(null, TestSecrets.generator(1)))
                .withMessage("keys");
        assertThatNullPointerException().isThrownBy(() -> new SecretCipher(TestSecrets.keyRing("e1"), null))
                .withMessage("generator");
    }

    @Test
    void openWhenSealedWithSameAssociatedDataThenOriginalBytes() {
        String sealed = cipher.seal(SECRET, CONTEXT);

        assertThat(cipher.open(sealed, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void sealWhenCalledThenKeyIdPrefixAndUnpaddedBase64OfNonceCiphertextTag() {
        String sealed = cipher.seal(SECRET, CONTEXT);

        assertThat(sealed).startsWith("e1:").doesNotContain("=");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        assertThat(raw).hasSize(12 + SECRET.length + 16);
        assertThat(sealed).doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(SECRET));
    }

    @Test
    void sealWhenSamePlaintextTwiceThenDifferentValues() {
        String first = cipher.seal(SECRET, CONTEXT);
        String second = cipher.seal(SECRET, CONTEXT);

        assertThat(first).isNotEqualTo(second);
        assertThat(cipher.open(first, CONTEXT)).isEqualTo(cipher.open(second, CONTEXT));
    }

    @Test
    void openWhenEmptyPlaintextSealedThenEmpty() {
        assertThat(cipher.open(cipher.seal(new byte[0], CONTEXT), CONTEXT)).isEmpty();
    }

    @Test
    void openWhenOtherAssociatedDataThenUnavailable() {
        String sealed = cipher.seal(SECRET, CONTEXT);

        // A sealed secret copied into another factor's row must not open there.
        assertThatThrownBy(() -> cipher.open(sealed, "totp:00000000-0000-4000-8000-000000000000"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("sealed value failed authentication");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11, 12, 20, 31, 47})
    void openWhenAnyByteTamperedThenUnavailable(int position) {
        String sealed = cipher.seal(SECRET, CONTEXT);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[position] ^= 0x01;
        String tampered = "e1:" + Base64.getEncoder().withoutPadding().encodeToString(raw);

        assertThatThrownBy(() -> cipher.open(tampered, CONTEXT))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("sealed value failed authentication");
    }

    @Test
    void openWhenTruncatedThenUnavailable() {
        String sealed = cipher.seal(SECRET, CONTEXT);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        String truncated = "e1:" + Base64.getEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(raw, raw.length - 1));

        assertThatThrownBy(() -> cipher.open(truncated, CONTEXT))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("sealed value failed authentication");
        assertThatThrownBy(() -> cipher.open("e1:AAAA", CONTEXT))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("sealed value is too short");
    }

    @Test
    void openWhenMalformedThenUnavailableWithReason() {
        assertThatThrownBy(() -> cipher.open("no-key-id", CONTEXT))
                .isInstanceOf(SecretUnavailableException.class).hasMessage("sealed value has no key id");
        assertThatThrownBy(() -> cipher.open(":AAAA", CONTEXT))
                .isInstanceOf(SecretUnavailableException.class).hasMessage("sealed value has no key id");
        assertThatThrownBy(() -> cipher.open("e1:not base64!", CONTEXT))
                .isInstanceOf(SecretUnavailableException.class).hasMessage("sealed value is not Base64");
    }

    @Test
    void openWhenKeyIdUnknownThenUnavailable() {
        String sealed = new SecretCipher(TestSecrets.keyRing("e9"), TestSecrets.generator(8)).seal(SECRET, CONTEXT);

        assertThatThrownBy(() -> cipher.open(sealed, CONTEXT))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("no configured key has id 'e9'");
    }

    @Test
    void openWhenKeyIdRelabelledThenUnavailable() {
        SecretCipher both = new SecretCipher(TestSecrets.keyRing("e2", "e1"), TestSecrets.generator(8));
        String sealed = both.seal(SECRET, CONTEXT);

        assertThatThrownBy(() -> both.open("e1" + sealed.substring(2), CONTEXT))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("sealed value failed authentication");
    }

    @Test
    void openWhenKeyRotatedAndOldKeyKeptThenOldValueOpensAndIsStale() {
        String old = cipher.seal(SECRET, CONTEXT);
        SecretCipher rotated = new SecretCipher(TestSecrets.keyRing("e2", "e1"), TestSecrets.generator(9));

        assertThat(rotated.open(old, CONTEXT)).isEqualTo(SECRET);
        assertThat(rotated.isStale(old)).isTrue();

        String resealed = rotated.seal(rotated.open(old, CONTEXT), CONTEXT);
        assertThat(resealed).startsWith("e2:");
        assertThat(rotated.isStale(resealed)).isFalse();
        assertThat(cipher.isStale(old)).isFalse();
    }

    @Test
    void isStaleWhenKeyIdIsPrefixOfCurrentThenStill() {
        SecretCipher current = new SecretCipher(TestSecrets.keyRing("e10", "e1"), TestSecrets.generator(9));

        assertThat(current.isStale(cipher.seal(SECRET, CONTEXT))).isTrue();
    }

    @Test
    void sealWhenNullArgumentsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> cipher.seal(null, CONTEXT)).withMessage("plaintext");
        assertThatNullPointerException().isThrownBy(() -> cipher.seal(SECRET, null)).withMessage("associatedData");
        assertThatNullPointerException().isThrownBy(() -> cipher.open(null, CONTEXT)).withMessage("sealed");
        assertThatNullPointerException().isThrownBy(() -> cipher.open("e1:AAAA", null)).withMessage("associatedData");
    }

    @Property(tries = 200)
    void openWhenAnyPlaintextAndContextThenRoundTrips(@ForAll @Size(max = 128) byte[] plaintext,
                                                      @ForAll String context) {
        assertThat(cipher.open(cipher.seal(plaintext, context), context)).isEqualTo(plaintext);
    }
}
