package dev.aikagi.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGeneratorTest {

    /** χ² critical value for 9 degrees of freedom at p = 0.001: a fair generator exceeds it once in 1,000 seeds. */
    private static final double CHI_SQUARED_9_DF_P_001 = 27.877;

    private final SecretGenerator generator = TestSecrets.generator(42);

    @Test
    void constructorWhenNullRandomThenNamesIt() {
        assertThatNullPointerException().isThrownBy(() -> new SecretGenerator(null)).withMessage("random");
    }

    @Property(tries = 200)
    void digitsWhenAnyLengthThenExactlyThatManyAsciiDigits(@ForAll @IntRange(min = 1, max = 64) int length) {
        String digits = generator.digits(length);

        assertThat(digits).hasSize(length).matches("[0-9]+");
    }

    @Property(tries = 200)
    void bytesWhenAnyLengthThenExactlyThatMany(@ForAll @IntRange(min = 1, max = 256) int length) {
        assertThat(generator.bytes(length)).hasSize(length);
    }

    @Property(tries = 200)
    void nextIntWhenAnyBoundThenWithinRange(@ForAll @IntRange(min = 1) int bound) {
        assertThat(generator.nextInt(bound)).isBetween(0, bound - 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void digitsWhenLengthNotPositiveThenRejected(int length) {
        assertThatIllegalArgumentException().isThrownBy(() -> generator.digits(length))
                .withMessage("length must be positive: " + length);
        assertThatIllegalArgumentException().isThrownBy(() -> generator.bytes(length))
                .withMessage("length must be positive: " + length);
        assertThatIllegalArgumentException().isThrownBy(() -> generator.nextInt(length))
                .withMessage("bound must be positive: " + length);
    }

    @Test
    void digitsWhenSameSeedThenSameOutput() {
        assertThat(TestSecrets.generator(42).digits(32)).isEqualTo(TestSecrets.generator(42).digits(32));
        assertThat(TestSecrets.generator(42).digits(32)).isNotEqualTo(TestSecrets.generator(43).digits(32));
    }

    @Test
    void digitsWhenManyDrawnThenLeadingZerosKept() {
        long withLeadingZero = 0;
        for (int i = 0; i < 1_000; i++) {
            String code = generator.digits(6);
            assertThat(code).hasSize(6);
            if (code.charAt(0) == '0') {
                withLeadingZero++;
            }
        }
        // About 100 expected; zero would mean codes are drawn as numbers and lose their leading zeros.
        assertThat(withLeadingZero).isBetween(50L, 150L);
    }

    @Test
    void digitsWhenHundredThousandDrawnThenChiSquaredBelowCriticalValue() {
        int[] counts = new int[10];
        String digits = generator.digits(100_000);
        for (int i = 0; i < digits.length(); i++) {
            counts[digits.charAt(i) - '0']++;
        }

        double expected = digits.length() / 10.0;
        double chiSquared = 0;
        for (int count : counts) {
            chiSquared += (count - expected) * (count - expected) / expected;
        }

        assertThat(chiSquared).as("χ² of digit counts %s", java.util.Arrays.toString(counts))
                .isLessThan(CHI_SQUARED_9_DF_P_001);
    }

    @Test
    void nextIntWhenBoundNotPowerOfTwoThenEveryValueDrawn() {
        int[] counts = new int[7];
        for (int i = 0; i < 7_000; i++) {
            counts[generator.nextInt(7)]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(850, 1_150);
        }
    }

    @Test
    void uuidWhenCalledThenRandomVersion4Variant2() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            UUID uuid = generator.uuid();
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(UUID.fromString(uuid.toString())).isEqualTo(uuid);
            seen.add(uuid);
        }
        assertThat(seen).hasSize(1_000);
    }

    @Test
    void uuidWhenSameSeedThenSameUuid() {
        assertThat(TestSecrets.generator(5).uuid()).isEqualTo(TestSecrets.generator(5).uuid());
    }
}
