package dev.aikagi.core.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "090-1234-5678      | JP | +819012345678",
            "+81 90 1234 5678   | JP | +819012345678",
            "０９０－１２３４－５６７８ | JP | +819012345678",
            "(080) 1234-5678    | JP | +818012345678",
            "+44 7400 123456    | JP | +447400123456",
            "07400 123456       | GB | +447400123456",
            "+1 201-555-0123    | JP | +12015550123"})
    void parseWhenMobileNumberThenCanonicalE164(String typed, String region, String expected) {
        PhoneNumber.Parsed parsed = PhoneNumber.parse(typed, region);

        assertThat(parsed.problem()).isEmpty();
        assertThat(parsed.number()).contains(new PhoneNumber(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "12", "+81 90 1234", "090-1234-56789012", "+999 1234567890"})
    void parseWhenNotAValidNumberThenInvalid(String typed) {
        PhoneNumber.Parsed parsed = PhoneNumber.parse(typed, "JP");

        assertThat(parsed.number()).isEmpty();
        assertThat(parsed.problem()).contains(PhoneNumber.Problem.INVALID);
    }

    @Test
    void parseWhenNullOrHugeThenInvalid() {
        assertThat(PhoneNumber.parse(null, "JP").problem()).contains(PhoneNumber.Problem.INVALID);
        assertThat(PhoneNumber.parse("1".repeat(65), "JP").problem()).contains(PhoneNumber.Problem.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"03-1234-5678", "0120-123-456", "+81 3 1234 5678"})
    void parseWhenFixedLineOrTollFreeThenNotMobile(String typed) {
        PhoneNumber.Parsed parsed = PhoneNumber.parse(typed, "JP");

        assertThat(parsed.number()).isEmpty();
        assertThat(parsed.problem()).contains(PhoneNumber.Problem.NOT_MOBILE);
    }

    @Test
    void problemsHaveStableApiCodes() {
        assertThat(PhoneNumber.Problem.INVALID.code()).isEqualTo("phone_invalid");
        assertThat(PhoneNumber.Problem.NOT_MOBILE.code()).isEqualTo("phone_not_mobile");
    }

    @Test
    void maskedShowsOnlyTheLastTwoDigits() {
        PhoneNumber number = new PhoneNumber("+819012345678");

        assertThat(number.masked()).isEqualTo("•••• ••78");
        assertThat(number.toString()).doesNotContain("12345").contains("••78");
    }

    @Test
    void constructorRefusesNonE164() {
        assertThatThrownBy(() -> new PhoneNumber("09012345678")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhoneNumber("+0123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Optional.of(new PhoneNumber("+819012345678"))).isPresent();
    }
}
