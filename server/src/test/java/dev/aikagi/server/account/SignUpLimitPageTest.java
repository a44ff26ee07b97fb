package dev.aikagi.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.PageClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 point 4 on the pages: too many sign-ups from one address get 429, Retry-After and a clear message;
 * a phone number outside the allowed regions is refused with a message in the reader's language.
 */
class SignUpLimitPageTest {

    @TempDir
    static Path dataDir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.sign-up.hourly-limit-per-address=2");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PageClient.Page signUpFrom(String address, String language, String username) {
        PageClient browser = new PageClient(server.port(), address).acceptLanguage(language);
        browser.get("/signup");
        return browser.post("/signup", "username", username, "password", PageJourneys.PASSWORD);
    }

    @Test
    void signUpWhenOverTheHourlyLimitOfOneAddressThen429AndTheTimeToTryAgainInEnglish() {
        assertThat(signUpFrom("203.0.113.81", "en", "page_limit_1").status()).isEqualTo(302);
        assertThat(signUpFrom("203.0.113.81", "en", "page_limit_2").status()).isEqualTo(302);

        PageClient.Page refused = signUpFrom("203.0.113.81", "en", "page_limit_3");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s ->
                assertThat(Long.parseLong(s)).isBetween(3000L, 3600L));
        assertThat(refused.body()).contains("Too many accounts have been created from your network recently. Try again after");
        assertThat(refused.body()).contains("value=\"page_limit_3\"");
        assertThat(signUpFrom("203.0.113.82", "en", "page_limit_3").status()).isEqualTo(302);
    }

    @Test
    void signUpWhenOverTheHourlyLimitThenTheMessageIsInJapanese() {
        assertThat(signUpFrom("2001:db8:99:1::1", "ja", "page_limit_ja1").status()).isEqualTo(302);
        assertThat(signUpFrom("2001:db8:99:1::2", "ja", "page_limit_ja2").status()).isEqualTo(302);

        PageClient.Page refused = signUpFrom("2001:db8:99:1::3", "ja", "page_limit_ja3");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("お使いのネットワークから短時間に作成されたアカウントが多すぎます。");
    }

    @Test
    void addPhoneWhenNumberOutsideAllowedRegionsThenRefusedInTheReadersLanguage() {
        PageClient english = new PageClient(server.port(), "198.51.100.91").acceptLanguage("en");
        PageJourneys.signUp(english, "page_region_en");
        String methods = PageJourneys.methodsPath(english);
        english.get(methods + "/phone");

        PageClient.Page refused = english.post(methods + "/phone", "phoneNumber", "+44 7400 123456");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("This service can&#39;t send text messages to phone numbers in that country.");

        PageClient japanese = new PageClient(server.port(), "198.51.100.92").acceptLanguage("ja");
        PageJourneys.signUp(japanese, "page_region_ja");
        String jaMethods = PageJourneys.methodsPath(japanese);
        japanese.get(jaMethods + "/phone");
        assertThat(japanese.post(jaMethods + "/phone", "phoneNumber", "+1 201-555-0123").body())
                .contains("このサービスでは、その国の電話番号にテキストメッセージを送信できません。");
    }
}
