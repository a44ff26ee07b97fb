package dev.aikagi.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CodeDigesterTest {

    private final CodeDigester digester = new CodeDigester(TestSecrets.keyRing("p1"), TestSecrets.generator(1));

    @Test
    void constructorWhenNullArgumentsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> new CodeDigester(null, TestSecrets.generator(1)))
                .withMessage("peppers");
        assertThatNullPointerException().isThrownBy(() -> new CodeDigester(TestSecrets.keyRing("p1"), null))
                .withMessage("generator");
    }

    @Test
    void digestWhenCalledThenCurrentKeyIdSaltAndSha256Digest() {
        KeyedDigest stored = digester.digest("12345678");

        assertThat(stored.keyId()).isEqualTo("p1");
        assertThat(stored.salt()).hasSize(CodeDigester.SALT_LENGTH);
        assertThat(stored.digest()).hasSize(32);
        assertThat(stored.toString()).isEqualTo("KeyedDigest[keyId=p1]");
    }

    @Test
    void matchesWhenSameCodeThenTrue() {
        assertThat(digester.matches("12345678", digester.digest("12345678"))).isTrue();
    }

    @Test
    void matchesWhenDifferentCodeThenFalse() {
        KeyedDigest stored = digester.digest("12345678");

        assertThat(digester.matches("12345679", stored)).isFalse();
        assertThat(digester.matches("1234567", stored)).isFalse();
        assertThat(digester.matches("123456780", stored)).isFalse();
        assertThat(digester.matches("", stored)).isFalse();
    }

    @Test
    void matchesWhenNullArgumentsThenNamesThem() {
        KeyedDigest stored = digester.digest("12345678");
        assertThatNullPointerException().isThrownBy(() -> digester.matches(null, stored)).withMessage("code");
        assertThatNullPointerException().isThrownBy(() -> digester.matches("12345678", null)).withMessage("stored");
    }

    @Test
    void digestWhenSameCodeTwiceThenDifferentSaltAndDigest() {
        KeyedDigest first = digester.digest("12345678");
        KeyedDigest second = digester.digest("12345678");

        assertThat(first.salt()).isNotEqualTo(second.salt());
        assertThat(first.digest()).isNotEqualTo(second.digest());
        assertThat(digester.matches("12345678", first)).isTrue();
        assertThat(digester.matches("12345678", second)).isTrue();
    }

    @Test
    void matchesWhenSaltReplacedThenFalse() {
        KeyedDigest stored = digester.digest("12345678");
        byte[] otherSalt = stored.salt();
        otherSalt[0] ^= 1;

        assertThat(digester.matches("12345678", new KeyedDigest("p1", otherSalt, stored.digest()))).isFalse();
    }

    @Test
    void matchesWhenDigestAlteredThenFalse() {
        KeyedDigest stored = digester.digest("12345678");
        byte[] altered = stored.digest();
        altered[altered.length - 1] ^= (byte) 0x80;

        assertThat(digester.matches("12345678", new KeyedDigest("p1", stored.salt(), altered))).isFalse();
    }

    @Test
    void matchesWhenPepperRotatedAndOldKeyKeptThenOldDigestStillMatches() {
        KeyedDigest old = new CodeDigester(TestSecrets.keyRing("old"), TestSecrets.generator(2)).digest("12345678");
        CodeDigester rotated = new CodeDigester(TestSecrets.keyRing("new", "old"), TestSecrets.generator(3));

        assertThat(rotated.matches("12345678", old)).isTrue();
        assertThat(rotated.matches("87654321", old)).isFalse();
        assertThat(rotated.isStale(old)).isTrue();
    }

    @Test
    void digestWhenPepperRotatedThenMadeWithNewKeyAndNotStale() {
        CodeDigester rotated = new CodeDigester(TestSecrets.keyRing("new", "old"), TestSecrets.generator(3));

        KeyedDigest fresh = rotated.digest("12345678");

        assertThat(fresh.keyId()).isEqualTo("new");
        assertThat(rotated.isStale(fresh)).isFalse();
        assertThat(rotated.matches("12345678", fresh)).isTrue();
    }

    @Test
    void matchesWhenOldKeyRemovedThenFalse() {
        KeyedDigest old = new CodeDigester(TestSecrets.keyRing("old"), TestSecrets.generator(2)).digest("12345678");
        CodeDigester withoutOld = new CodeDigester(TestSecrets.keyRing("new"), TestSecrets.generator(3));

        assertThat(withoutOld.matches("12345678", old)).isFalse();
        assertThat(withoutOld.isStale(old)).isTrue();
    }

    @Test
    void matchesWhenSameKeyIdButOtherKeyBytesThenFalse() {
        KeyedDigest stored = digester.digest("12345678");
        byte[] otherKey = TestSecrets.key("p1");
        otherKey[0] ^= 1;
        CodeDigester impostor = new CodeDigester(new KeyRing("p1", java.util.Map.of("p1", otherKey), 32),
                TestSecrets.generator(4));

        assertThat(impostor.matches("12345678", stored)).isFalse();
    }

    @Test
    void keyedDigestWhenArraysChangedOutsideThenUnaffected() {
        byte[] salt = new byte[16];
        byte[] digest = new byte[32];
        KeyedDigest stored = new KeyedDigest("p1", salt, digest);

        Arrays.fill(salt, (byte) 1);
        stored.digest()[0] = 9;

        assertThat(stored.salt()).containsOnly(0);
        assertThat(stored.digest()).containsOnly(0);
    }

    @Property(tries = 200)
    void matchesWhenAnyCodeThenOnlyThatCodeMatches(@ForAll @NumericChars @StringLength(min = 1, max = 12) String code,
                                                  @ForAll @NumericChars @StringLength(min = 1, max = 12) String other) {
        Assume.that(!code.equals(other));
        KeyedDigest stored = digester.digest(code);

        assertThat(digester.matches(code, stored)).isTrue();
        assertThat(digester.matches(other, stored)).isFalse();
    }
}
