package dev.aikagi.core.factor.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    /** RFC 4226 Appendix D and RFC 6238 Appendix B seed for HMAC-SHA1. */
    private static final byte[] SHA1_KEY = ascii("12345678901234567890");
    /** RFC 6238 Appendix B, per erratum 2866: the SHA-256 rows use a 32-byte key, not the 20-byte one. */
    private static final byte[] SHA256_KEY = ascii("12345678901234567890123456789012");
    /** RFC 6238 Appendix B, per erratum 2866: the SHA-512 rows use a 64-byte key. */
    private static final byte[] SHA512_KEY = ascii("1234567890123456789012345678901234567890123456789012345678901234");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] rfc6238Key(TotpAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> SHA1_KEY;
            case SHA256 -> SHA256_KEY;
            case SHA512 -> SHA512_KEY;
        };
    }

    @Test
    void rfc6238KeysWhenErratumAppliedThenOneHmacBlockOutputLong() {
        assertThat(SHA1_KEY).hasSize(20);
        assertThat(SHA256_KEY).hasSize(32);
        assertThat(SHA512_KEY).hasSize(64);
    }

    /** RFC 6238 Appendix B: all 18 rows, 8 digits, 30-second steps from T0 = 0. */
    @ParameterizedTest(name = "{0}s {2} -> {3}")
    @CsvSource({
            // unix time, T (hex),    algorithm, TOTP
            "59,          0000000000000001, SHA1,   94287082",
            "59,          0000000000000001, SHA256, 46119246",
            "59,          0000000000000001, SHA512, 90693936",
            "1111111109,  00000000023523EC, SHA1,   07081804",
            "1111111109,  00000000023523EC, SHA256, 68084774",
            "1111111109,  00000000023523EC, SHA512, 25091201",
            "1111111111,  00000000023523ED, SHA1,   14050471",
            "1111111111,  00000000023523ED, SHA256, 67062674",
            "1111111111,  00000000023523ED, SHA512, 99943326",
            "1234567890,  000000000273EF07, SHA1,   89005924",
            "1234567890,  000000000273EF07, SHA256, 91819424",
            "1234567890,  000000000273EF07, SHA512, 93441116",
            "2000000000,  0000000003F940AA, SHA1,   69279037",
            "2000000000,  0000000003F940AA, SHA256, 90698825",
            "2000000000,  0000000003F940AA, SHA512, 38618901",
            "20000000000, 0000000027BC86AA, SHA1,   65353130",
            "20000000000, 0000000027BC86AA, SHA256, 77737706",
            "20000000000, 0000000027BC86AA, SHA512, 47863826",
    })
    void codeAtWhenRfc6238AppendixBVectorThenExpectedCode(long unixTime, String stepHex, TotpAlgorithm algorithm,
                                                          String expected) {
        Instant instant = Instant.ofEpochSecond(unixTime);
        TotpParameters parameters = new TotpParameters(algorithm, 8, 30);

        assertThat(Totp.stepAt(instant, 30)).isEqualTo(Long.parseLong(stepHex, 16));
        assertThat(Totp.codeAt(rfc6238Key(algorithm), instant, parameters)).isEqualTo(expected);
    }

    /** RFC 4226 Appendix D: HOTP values for counters 0-9, 6 digits, HMAC-SHA1. */
    @ParameterizedTest(name = "counter {0} -> {1}")
    @CsvSource({
            "0, 755224",
            "1, 287082",
            "2, 359152",
            "3, 969429",
            "4, 338314",
            "5, 254676",
            "6, 287922",
            "7, 162583",
            "8, 399871",
            "9, 520489",
    })
    void hotpWhenRfc4226AppendixDVectorThenExpectedValue(long counter, String expected) {
        assertThat(Totp.hotp(SHA1_KEY, counter, TotpAlgorithm.SHA1, 6)).isEqualTo(expected);
    }

    /**
     * Codes are strings, not numbers: with the RFC 4226 key, counter 36 gives 003784 and counter 44
     * gives 000152 (checked with {@code oathtool -c 36 3132...30}). Dropping the zeros would make such
     * codes impossible to enter.
     */
    @ParameterizedTest
    @CsvSource({"36, 003784", "44, 000152"})
    void hotpWhenValueHasLeadingZerosThenZerosKept(long counter, String expected) {
        String code = Totp.hotp(SHA1_KEY, counter, TotpAlgorithm.SHA1, 6);

        assertThat(code).isEqualTo(expected).hasSize(6);
    }

    @Test
    void codeAtWhenStepValueHasLeadingZeroThenZeroKept() {
        // Step 36 of 30 s starts at 1,080 s; RFC 6238's own 1111111109 row (07081804) is the 8-digit case.
        TotpParameters parameters = TotpParameters.DEFAULT;

        assertThat(Totp.codeAt(SHA1_KEY, Instant.ofEpochSecond(1_080), parameters)).isEqualTo("003784").hasSize(6);
        assertThat(Totp.codeAt(SHA1_KEY, Instant.ofEpochSecond(1_109), parameters)).isEqualTo("003784");
        assertThat(Totp.codeAt(SHA1_KEY, Instant.ofEpochSecond(1_111_111_109), new TotpParameters(TotpAlgorithm.SHA1, 8, 30)))
                .isEqualTo("07081804").hasSize(8);
    }

    @ParameterizedTest
    @CsvSource({
            "0,    30, 0",
            "29,   30, 0",
            "30,   30, 1",
            "59,   30, 1",
            "60,   30, 2",
            "59,   60, 0",
            "60,   60, 1",
            "-1,   30, -1",
            "-30,  30, -1",
            "-31,  30, -2",
            "1111111109, 30, 37037036",
    })
    void stepAtWhenInstantThenFloorOfSecondsOverPeriod(long unixTime, int period, long expectedStep) {
        assertThat(Totp.stepAt(Instant.ofEpochSecond(unixTime), period)).isEqualTo(expectedStep);
    }

    @Test
    void stepAtWhenFractionOfSecondThenIgnored() {
        assertThat(Totp.stepAt(Instant.ofEpochSecond(29, 999_999_999), 30)).isZero();
        assertThat(Totp.stepAt(Instant.ofEpochSecond(-1, 999_999_999), 30)).isEqualTo(-1);
    }

    @Property
    void stepStartWhenAnyInstantThenStepContainsIt(@ForAll @LongRange(min = -4_000_000_000L, max = 40_000_000_000L) long seconds,
                                                   @ForAll("periods") int period) {
        Instant instant = Instant.ofEpochSecond(seconds);
        long step = Totp.stepAt(instant, period);

        assertThat(Totp.stepStart(step, period)).isBeforeOrEqualTo(instant);
        assertThat(Totp.stepStart(step + 1, period)).isAfter(instant);
        assertThat(Totp.stepAt(Totp.stepStart(step, period), period)).isEqualTo(step);
    }

    @Property
    void codeAtWhenAnyKeyAndInstantThenExactlyDigitsAsciiDigits(
            @ForAll @Size(min = 1, max = 64) byte[] key,
            @ForAll @LongRange(min = 0, max = 40_000_000_000L) long seconds,
            @ForAll("parameters") TotpParameters parameters) {
        String code = Totp.codeAt(key, Instant.ofEpochSecond(seconds), parameters);

        assertThat(code).hasSize(parameters.digits());
        assertThat(code.chars()).allMatch(c -> c >= '0' && c <= '9');
    }

    @Property
    void codeAtWhenSameStepThenSameCode(@ForAll @Size(min = 16, max = 32) byte[] key,
                                        @ForAll @LongRange(min = 0, max = 4_000_000_000L) long step,
                                        @ForAll @IntRange(min = 0, max = 29) int offset) {
        TotpParameters parameters = TotpParameters.DEFAULT;
        Instant start = Totp.stepStart(step, 30);

        assertThat(Totp.codeAt(key, start.plusSeconds(offset), parameters))
                .isEqualTo(Totp.codeAt(key, start, parameters))
                .isEqualTo(Totp.hotp(key, step, TotpAlgorithm.SHA1, 6));
    }

    @Provide
    Arbitrary<Integer> periods() {
        return Arbitraries.integers().between(15, 120);
    }

    @Provide
    Arbitrary<TotpParameters> parameters() {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.of(TotpAlgorithm.class), Arbitraries.of(6, 8), Arbitraries.integers().between(15, 120))
                .as(TotpParameters::new);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 9, 10})
    void hotpWhenDigitsOutsideSixToEightThenRejected(int digits) {
        assertThatIllegalArgumentException().isThrownBy(() -> Totp.hotp(SHA1_KEY, 0, TotpAlgorithm.SHA1, digits))
                .withMessage("digits must be 6-8, was " + digits);
    }

    @Test
    void hotpWhenNullArgumentsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> Totp.hotp(null, 0, TotpAlgorithm.SHA1, 6)).withMessage("key");
        assertThatNullPointerException().isThrownBy(() -> Totp.hotp(SHA1_KEY, 0, null, 6)).withMessage("algorithm");
    }

    @Test
    void parametersWhenDefaultThenSha1SixDigitsThirtySeconds() {
        assertThat(TotpParameters.DEFAULT).isEqualTo(new TotpParameters(TotpAlgorithm.SHA1, 6, 30));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 7, 9, 10})
    void parametersWhenDigitsNotSixOrEightThenRejected(int digits) {
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, digits, 30))
                .withMessage("TOTP digits must be 6 or 8, was " + digits);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 14, 121, -30})
    void parametersWhenPeriodOutOfRangeThenRejected(int period) {
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, 6, period))
                .withMessage("TOTP period must be 15-120 seconds, was " + period);
    }

    @Test
    void parametersWhenNullAlgorithmThenNamesIt() {
        assertThatNullPointerException().isThrownBy(() -> new TotpParameters(null, 6, 30)).withMessage("algorithm");
    }

    @ParameterizedTest
    @CsvSource({"SHA1, 20", "SHA256, 32", "SHA512, 64"})
    void keyLengthWhenAlgorithmThenOutputSizeOfItsHash(TotpAlgorithm algorithm, int expected) {
        assertThat(algorithm.keyLength()).isEqualTo(expected).isGreaterThanOrEqualTo(16);
    }

    @Property(tries = 200)
    void hotpRangeWhenAnyKeyAndCounterThenEqualsHotpOfEachCounter(
            @ForAll @Size(min = 16, max = 64) byte[] key,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 10) long first,
            @ForAll @IntRange(min = 1, max = 5) int count,
            @ForAll TotpAlgorithm algorithm) {
        String[] range = Totp.hotpRange(key, first, count, algorithm, 6);

        assertThat(range).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(range[i]).isEqualTo(Totp.hotp(key, first + i, algorithm, 6));
        }
    }
}
