package dev.aikagi.core.factor.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.text.Normalizer;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BackupCodeFormatTest {

    @Test
    void displayWhenEightDigitsThenTwoGroupsOfFour() {
        assertThat(BackupCodeFormat.display("12345678")).isEqualTo("1234 5678");
        assertThat(BackupCodeFormat.display("00000001")).isEqualTo("0000 0001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567", "123456789", "1234 5678"})
    void displayWhenNotEightCharactersThenRejected(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> BackupCodeFormat.display(code))
                .withMessage("a backup code has 8 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "12345678",
            "1234 5678",
            "1234-5678",
            " 1234 5678 ",
            "12 34 56 78",
            "1234  5678",
            "1234\t5678",
            "1234\n5678",
            "1234\u00A05678",            // no-break space (copied from a web page)
            "1234\u30005678",            // ideographic space, typed by a Japanese IME
            "１２３４ ５６７８",          // full width, ASCII space
            "１２３４\u3000５６７８",      // full width, ideographic space
            "１２３４－５６７８",          // full-width hyphen-minus U+FF0D
            "1234\u20105678",            // hyphen
            "1234\u20135678",            // en dash
            "1234\u20145678",            // em dash
            "1234\u22125678",            // minus sign
            "1234ー5678",                // katakana prolonged sound mark, what an IME gives for '-'
            "1234ｰ5678",                 // its half-width form
    })
    void normalizeWhenTypedWithSpacesOrHyphensOfAnyWidthThenAsciiDigits(String typed) {
        assertThat(BackupCodeFormat.normalize(typed)).contains("12345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"①②③④⑤⑥⑦⑧", "¹²³⁴⁵⁶⁷⁸", "\uD835\uDFCF\uD835\uDFD0\uD835\uDFD1\uD835\uDFD2\uD835\uDFD3\uD835\uDFD4\uD835\uDFD5\uD835\uDFD6"})
    void normalizeWhenCompatibilityDigitsThenNfkcFoldsThemToAscii(String typed) {
        // Circled, superscript and mathematical bold digits are compatibility forms of 0-9, so NFKC
        // maps them to ASCII; accepting them costs nothing, since they mean the same digits.
        assertThat(BackupCodeFormat.normalize(typed)).contains("12345678");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "\u3000",
            "1234567",
            "123456789",
            "1234 567",
            "1234 56789",
            "1234567a",
            "abcdefgh",
            "1234 567O",
            "1234_5678",
            "1234.5678",
            "1234/5678",
            "+12345678",
            "1234\u00005678",
    })
    void normalizeWhenNotExactlyEightDigitsThenEmpty(String typed) {
        assertThat(BackupCodeFormat.normalize(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "١٢٣٤٥٦٧٨",   // Arabic-Indic U+0661..
            "۱۲۳۴۵۶۷۸",   // Extended Arabic-Indic (Persian) U+06F1..
            "१२३४५६७८",   // Devanagari U+0967..
            "1234٥٦٧٨",   // mixed
    })
    void normalizeWhenNonAsciiDecimalDigitsThenEmpty(String typed) {
        // These are digits to Character.isDigit but not compatibility forms of ASCII ones: NFKC leaves
        // them alone, so they stay non-ASCII and the code is refused rather than silently transliterated.
        assertThat(Normalizer.normalize(typed, Normalizer.Form.NFKC)).isEqualTo(typed);
        assertThat(typed.codePoints().filter(Character::isDigit).count()).isEqualTo(8);
        assertThat(BackupCodeFormat.normalize(typed)).isEmpty();
    }

    @Test
    void normalizeWhenVeryLongInputThenEmpty() {
        assertThat(BackupCodeFormat.normalize("1".repeat(10_000))).isEmpty();
    }

    @Property
    void normalizeWhenAnyCodeDisplayedThenSameCode(@ForAll @NumericChars @StringLength(8) String code) {
        assertThat(BackupCodeFormat.normalize(BackupCodeFormat.display(code))).contains(code);
    }

    @Property
    void normalizeWhenAnyInputThenEmptyOrEightAsciiDigits(@ForAll String input) {
        Optional<String> normalized = BackupCodeFormat.normalize(input);

        normalized.ifPresent(code -> assertThat(code).matches("[0-9]{8}"));
    }
}
