package dev.aikagi.core.factor.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.factor.password.PasswordPolicy.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    /** Immutable once built, so one instance serves every test. */
    private static final PasswordPolicy BUNDLED = PasswordPolicy.withBundledBlocklist();

    private static final String KEY = "\uD83D\uDD11"; // U+1F511 KEY: one code point, two UTF-16 chars

    @ParameterizedTest
    @ValueSource(strings = {"Xk9#mQ2", "あいうえおかき", "合鍵を七文字で"})
    void checkWhenSevenCharactersThenTooShort(String password) {
        assertThat(password.codePointCount(0, password.length())).isEqualTo(7);
        assertThat(BUNDLED.check(password, null)).contains(Problem.TOO_SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xk9#mQ2v", "あいうえおかきく", "合鍵は八文字以上"})
    void checkWhenEightCharactersThenAccepted(String password) {
        assertThat(password.codePointCount(0, password.length())).isEqualTo(8);
        assertThat(BUNDLED.check(password, null)).isEmpty();
    }

    @Test
    void checkWhenEmptyThenTooShort() {
        assertThat(BUNDLED.check("", "alice")).contains(Problem.TOO_SHORT);
    }

    @Test
    void checkWhenAtMaximumLengthThenAccepted() {
        assertThat(BUNDLED.check("a".repeat(PasswordPolicy.MAX_LENGTH), null)).isEmpty();
        assertThat(BUNDLED.check("鍵".repeat(256), null)).isEmpty();
    }

    @Test
    void checkWhenOneOverMaximumLengthThenTooLong() {
        assertThat(BUNDLED.check("a".repeat(257), null)).contains(Problem.TOO_LONG);
        assertThat(BUNDLED.check("鍵".repeat(257), null)).contains(Problem.TOO_LONG);
    }

    @Test
    void checkWhenEmojiThenCountedAsCodePointsNotChars() {
        // 7 emoji are 14 UTF-16 chars: counting chars would wrongly accept them.
        assertThat(BUNDLED.check(KEY.repeat(7), null)).contains(Problem.TOO_SHORT);
        assertThat(BUNDLED.check(KEY.repeat(8), null)).isEmpty();
        // 256 emoji are 512 chars: counting chars would wrongly refuse them.
        assertThat(BUNDLED.check(KEY.repeat(256), null)).isEmpty();
        assertThat(BUNDLED.check(KEY.repeat(257), null)).contains(Problem.TOO_LONG);
    }

    @Test
    void checkWhenHalfWidthKatakanaThenCountedAfterNfkc() {
        // NFKC composes ｶ + ﾞ into ガ: eight typed chars are four characters.
        assertThat(BUNDLED.check("ｶﾞｷﾞｸﾞｹﾞ", null)).contains(Problem.TOO_SHORT);
        assertThat(BUNDLED.check("ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞ", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "password123", "PASSWORD123", "Password1!", "ｐａｓｓｗｏｒｄ１２３", "ＰＡＳＳＷＯＲＤ",
            "12345678", "１２３４５６７８", "qwertyuiop", "1qaz2wsx", "iloveyou", "sakura123", "Doraemon", "pokemon1",
            "arigatou", "trustno1", "11111111"})
    void checkWhenCommonPasswordInAnyCaseOrWidthThenCommon(String password) {
        assertThat(BUNDLED.check(password, null)).contains(Problem.COMMON);
    }

    @Test
    void checkWhenCommonPasswordWithSpacesAroundThenNotInList() {
        // Spaces are part of the password (no trimming, NIST): " password " is not "password".
        assertThat(BUNDLED.check(" password123 ", null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "alice-in-wonderland, alice",
            "MyNameIsALICE2026,   alice",
            "ｍｙａｌｉｃｅｐａｓｓ,  Alice",
            "田中太郎のパスワード,    田中太郎",
    })
    void checkWhenContainsUsernameThenContainsUsername(String password, String username) {
        assertThat(BUNDLED.check(password, username)).contains(Problem.CONTAINS_USERNAME);
    }

    @Test
    void checkWhenUsernameShorterThanThreeThenNotChecked() {
        assertThat(BUNDLED.check("bobsleigh-team-1988", "bo")).isEmpty();
        assertThat(BUNDLED.check("bobsleigh-team-1988", "bob")).contains(Problem.CONTAINS_USERNAME);
        assertThat(BUNDLED.check("bobsleigh-team-1988", null)).isEmpty();
    }

    @Test
    void checkWhenCommonAndContainsUsernameThenCommonReportedFirst() {
        assertThat(BUNDLED.check("password123", "pass")).contains(Problem.COMMON);
    }

    @Test
    void checkWhenPasswordNullThenNamesIt() {
        assertThatNullPointerException().isThrownBy(() -> BUNDLED.check(null, "alice")).withMessage("password");
    }

    @Test
    void bundledBlocklistWhenLoadedThenAtLeastThousandEntriesIncludingPassword123() {
        assertThat(BUNDLED.blocklistSize()).isGreaterThanOrEqualTo(1_000);
        assertThat(BUNDLED.check("password123", null)).contains(Problem.COMMON);
    }

    @Test
    void bundledBlocklistWhenReadThenEveryEntryIsRefusedAsCommon() throws IOException {
        Set<String> entries;
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            assertThat(in).isNotNull();
            entries = PasswordPolicy.readList(in);
        }

        assertThat(entries).hasSizeGreaterThanOrEqualTo(1_000);
        // Shorter entries would be dead weight: the length rule refuses them before the list is consulted.
        assertThat(entries).allSatisfy(entry -> assertThat(BUNDLED.check(entry, null)).contains(Problem.COMMON));
    }

    @Test
    void constructorWhenEntriesInFullWidthOrUpperCaseThenFolded() {
        PasswordPolicy policy = new PasswordPolicy(Set.of("Ｈｕｎｔｅｒ２０２６", "CORRECTHORSE"));

        assertThat(policy.blocklistSize()).isEqualTo(2);
        assertThat(policy.check("hunter2026", null)).contains(Problem.COMMON);
        assertThat(policy.check("correcthorse", null)).contains(Problem.COMMON);
        assertThat(policy.check("password123", null)).isEmpty();
    }

    @Test
    void constructorWhenNullBlocklistThenNamesIt() {
        assertThatNullPointerException().isThrownBy(() -> new PasswordPolicy(null)).withMessage("blocklist");
    }

    @Test
    void readListWhenCommentsAndBlankLinesThenIgnoredAndEntriesStripped() throws IOException {
        String text = "# a comment\n\npassword123\n  sakura2026  \r\n#not-an-entry\n\t\nパスワード123\n";

        Set<String> entries = PasswordPolicy.readList(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(entries).containsExactlyInAnyOrder("password123", "sakura2026", "パスワード123");
    }
}
