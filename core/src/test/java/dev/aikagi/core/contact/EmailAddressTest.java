package dev.aikagi.core.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "taro@example.com          | taro@example.com",
            "  Taro.Yamada@Example.CO.JP  | taro.yamada@example.co.jp",
            "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ | taro@example.com",
            "a+tag@sub.example.org     | a+tag@sub.example.org"})
    void parseWhenPlausibleThenCanonical(String typed, String expected) {
        assertThat(EmailAddress.parse(typed)).contains(new EmailAddress(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "taro", "@example.com", "taro@", "taro@example", "taro@@example.com",
            "ta ro@example.com", "taro@example..com", "taro@.example.com", "taro@example.com.",
            "<taro@example.com>", "taro@example.com,jiro@example.com", "taro\n@example.com"})
    void parseWhenImplausibleThenEmpty(String typed) {
        assertThat(EmailAddress.parse(typed)).isEmpty();
    }

    @Test
    void parseWhenNullOrTooLongThenEmpty() {
        assertThat(EmailAddress.parse(null)).isEmpty();
        assertThat(EmailAddress.parse("a".repeat(65) + "@example.com")).isEmpty();
        assertThat(EmailAddress.parse("a@" + "b".repeat(250) + ".com")).isEmpty();
    }

    @Test
    void maskedHidesTheLocalPart() {
        EmailAddress address = new EmailAddress("taro.yamada@example.com");

        assertThat(address.masked()).isEqualTo("t•••@example.com");
        assertThat(address.toString()).doesNotContain("yamada");
    }
}
