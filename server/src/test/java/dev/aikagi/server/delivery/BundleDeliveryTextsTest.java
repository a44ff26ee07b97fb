package dev.aikagi.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.notify.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every message exists in Japanese and English, fills every placeholder, and says no more than it must. */
class BundleDeliveryTextsTest {

    private final BundleDeliveryTexts texts =
            new BundleDeliveryTexts("Aikagi", "https://id.example.jp", ZoneId.of("Asia/Tokyo"));

    private static final Map<String, String> ARGS = Map.ofEntries(
            Map.entry("code", "123456"),
            Map.entry("minutes", "10"),
            Map.entry("remaining", "7"),
            Map.entry("method", "sms"),
            Map.entry("phone", "•••• ••78"),
            Map.entry("email", "t•••@example.jp"),
            Map.entry("device", "Chrome / Windows"),
            Map.entry("at", "2026-11-25T01:00:00Z"),
            Map.entry("link", "https://id.example.jp/security/not-me?token=abc"),
            Map.entry("waitingUntil", "2026-11-26T01:00:00Z"),
            Map.entry("proofs", "email,sms"));

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundleDeliveryTextsTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void japaneseAndEnglishHaveTheSameTemplates() throws IOException {
        assertThat(bundle("notifications_ja.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("notifications.properties").stringPropertyNames());
    }

    @ParameterizedTest
    @EnumSource(Alert.class)
    void everyAlertRendersInBothLanguagesOnBothChannelsWithTheLinkAndNoPlaceholderLeft(Alert alert) {
        for (String language : new String[] {"ja", "en"}) {
            DeliveryText sms = texts.render("alert." + alert.template(), Channel.SMS, language, ARGS);
            DeliveryText email = texts.render("alert." + alert.template(), Channel.EMAIL, language, ARGS);
            assertThat(sms.subject()).isEmpty();
            assertThat(email.subject()).isNotBlank().doesNotContain("{");
            for (String body : new String[] {sms.body(), email.body()}) {
                assertThat(body).contains("https://id.example.jp/security/not-me?token=abc").doesNotContain("{")
                        .doesNotContain("123456");
            }
            assertThat(email.body()).contains("2026-11-25 10:00 (Asia/Tokyo)");
        }
    }

    @Test
    void theLoginCodeSmsIsShortAndBoundToTheSiteForAutofill() {
        DeliveryText ja = texts.render("login_code", Channel.SMS, "ja", ARGS);
        DeliveryText en = texts.render("login_code", Channel.SMS, "en-US", ARGS);
        assertThat(ja.body()).contains("123456").contains("10 分").endsWith("@id.example.jp #123456");
        assertThat(en.body()).startsWith("Your Aikagi login code is 123456.").endsWith("@id.example.jp #123456");
        assertThat(en.body().length()).isLessThan(160);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ja", "en"})
    void theRecoveryCodeSaysWhatItIsForAndHowToStopItOnBothChannels(String language) {
        DeliveryText sms = texts.render("recovery_code", Channel.SMS, language, ARGS);
        DeliveryText email = texts.render("recovery_code", Channel.EMAIL, language, ARGS);

        assertThat(sms.body()).contains("123456").endsWith("@id.example.jp #123456").doesNotContain("{");
        assertThat(email.subject()).isNotBlank().doesNotContain("123456").doesNotContain("{");
        assertThat(email.body()).contains("123456").contains("10").doesNotContain("{");
        assertThat(sms.body() + email.body()).contains(language.equals("ja") ? "ログイン" : "log in");
    }

    @Test
    void anUnknownLanguageFallsBackToEnglishAndMethodsAreNamed() {
        DeliveryText fr = texts.render("alert.method_added", Channel.EMAIL, "fr", ARGS);
        assertThat(fr.body()).contains("text message (SMS)");
        DeliveryText ja = texts.render("alert.method_added", Channel.EMAIL, "ja", ARGS);
        assertThat(ja.body()).contains("テキストメッセージ（SMS）");
    }

    @Test
    void newDeviceLoginWhenJapaneseThenTheDeviceIsInJapaneseWithNoEnglishWords() {
        Map<String, String> chrome = new java.util.HashMap<>(ARGS);
        chrome.put("device", "chrome/windows");
        Map<String, String> unknown = new java.util.HashMap<>(ARGS);
        unknown.put("device", "unknown/iphone");
        for (Channel channel : Channel.values()) {
            assertThat(texts.render("alert.new_device_login", channel, "ja", chrome).body()).contains("Windows の Chrome")
                    .doesNotContainIgnoringCase(" on ").doesNotContain("/windows");
            assertThat(texts.render("alert.new_device_login", channel, "ja", unknown).body())
                    .contains("iPhone の 不明なブラウザ").doesNotContainIgnoringCase("browser").doesNotContain("unknown");
            assertThat(texts.render("alert.new_device_login", channel, "en", chrome).body()).contains("Chrome on Windows");
            assertThat(texts.render("alert.new_device_login", channel, "en", unknown).body())
                    .contains("an unknown browser on iPhone");
        }
    }

    @Test
    void newDeviceLoginWhenStoredByAnOlderVersionThenTheDeviceAsItWas() {
        assertThat(texts.render("alert.new_device_login", Channel.SMS, "ja", ARGS).body()).contains("（Chrome / Windows）");
    }

    @Test
    void anUnknownPlaceholderStaysAsWrittenRatherThanFailing() {
        assertThat(BundleDeliveryTexts.fill("a {missing} b {code}", Map.of("code", "1"))).isEqualTo("a {missing} b 1");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ja", "en"})
    void theInvitationNamesTheUserTheLinkAndHowLongItWorks(String language) {
        DeliveryText email = texts.render("invitation", Channel.EMAIL, language, Map.of("username", "hanako",
                "days", "7", "link", "https://id.example.jp/invitation?token=abc"));

        assertThat(email.subject()).contains("Aikagi").doesNotContain("{");
        assertThat(email.body()).contains("hanako", "7", "https://id.example.jp/invitation?token=abc")
                .doesNotContain("{");
        assertThat(email.body()).contains(language.equals("ja") ? "パスワード" : "password");
    }
}
