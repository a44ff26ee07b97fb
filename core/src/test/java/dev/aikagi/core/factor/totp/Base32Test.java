package dev.aikagi.core.factor.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    /** RFC 4648 §10 test vectors, with the '=' padding removed as authenticator apps expect. */
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
            "'',     ''",
            "f,      MY",
            "fo,     MZXQ",
            "foo,    MZXW6",
            "foob,   MZXW6YQ",
            "fooba,  MZXW6YTB",
            "foobar, MZXW6YTBOI",
    })
    void encodeWhenRfc4648VectorThenUnpaddedUpperCase(String plain, String expected) {
        assertThat(Base32.encode(ascii(plain))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} -> \"{0}\"")
    @CsvSource({
            "'',     ''",
            "f,      MY",
            "f,      MY======",
            "fo,     MZXQ====",
            "foo,    MZXW6===",
            "foob,   MZXW6YQ=",
            "fooba,  MZXW6YTB",
            "foobar, MZXW6YTBOI",
            "foobar, MZXW6YTBOI======",
    })
    void decodeWhenRfc4648VectorPaddedOrNotThenPlain(String plain, String encoded) {
        assertThat(Base32.decode(encoded)).hasValueSatisfying(b -> assertThat(b).isEqualTo(ascii(plain)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mzxw6ytboi", "MzXw6YtBoI", "MZXW 6YTB OI", " mzxw 6ytb oi ", "MZXW6 YTBOI===="})
    void decodeWhenLowerCaseOrSpacedThenForgiven(String typed) {
        assertThat(Base32.decode(typed)).hasValueSatisfying(b -> assertThat(b).isEqualTo(ascii("foobar")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW1YTB", "MZXW0YTB", "MZXW8", "MZXW9", "MZXW-6YTB", "MZXW_6YTB", "MZXW6YTBOI!",
            "ＭＺＸＷ６ＹＴＢ", "MZXWé", "MZXW\u00006YTB"})
    void decodeWhenCharacterOutsideAlphabetThenEmpty(String text) {
        assertThat(Base32.decode(text)).isEmpty();
    }

    @Test
    void encodeWhenAuthenticatorKeyThenSixteenByteKeyIsThirtyTwoCharactersWithoutPadding() {
        String encoded = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        assertThat(encoded).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void groupedWhenKeyThenFoursSeparatedBySpaces() {
        assertThat(Base32.grouped("JBSWY3DPEHPK3PXP")).isEqualTo("JBSW Y3DP EHPK 3PXP");
        assertThat(Base32.grouped("MZXW6YTBOI")).isEqualTo("MZXW 6YTB OI");
        assertThat(Base32.grouped("")).isEmpty();
    }

    @Property
    void decodeWhenAnyBytesEncodedThenSameBytes(@ForAll @Size(max = 100) byte[] data) {
        String encoded = Base32.encode(data);

        assertThat(encoded).matches("[A-Z2-7]*").hasSize((data.length * 8 + 4) / 5);
        assertThat(Base32.decode(encoded)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
        assertThat(Base32.decode(Base32.grouped(encoded).toLowerCase(Locale.ROOT))).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW6YTBO", "MZXW6YTBOIA", "MZXW6YTBOIAAAA"})
    void decodeWhenACharacterWasLostThenEmptyRatherThanADifferentKey(String typed) {
        assertThat(Base32.decode(typed)).isEmpty();
    }
}
