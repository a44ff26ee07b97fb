package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.core.delivery.Message;
import dev.aikagi.jdbc.JdbcOutbox;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.PageClient;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, "what a newcomer stumbled on", on the pages: "send again" too soon says what happened and when, with
 * the wait to the second; form errors are marked for assistive technology (aria-invalid, aria-describedby, focus,
 * "Error: …" in the title); the sign-up keeps the password when only the username was wrong; the backup-code field
 * is not offered the latest text message.
 */
class NewcomerPagesTest extends PageTestSupport {

    private static final Pattern WEB_OTP = Pattern.compile("@[^ ]+ #([0-9]{6})$");
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    private static String title(PageClient.Page page) {
        Matcher m = TITLE.matcher(page.body());
        assertThat(m.find()).as("a title").isTrue();
        return Html.unescape(m.group(1));
    }

    private static List<String> texts(String e164) {
        return server.bean(JdbcOutbox.class).latest(200).stream().filter(m -> m.to().equals(e164))
                .map(Message::body).toList();
    }

    private static String awaitCode(String e164) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> texts(e164).stream().anyMatch(t -> WEB_OTP.matcher(t).find()));
        Matcher m = WEB_OTP.matcher(texts(e164).getFirst());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** An account whose second step is SMS, signed out; its username. */
    private static String smsAccount(String username, String e164) {
        PageClient owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, username);
        String methods = PageJourneys.methodsPath(owner);
        owner.get(methods + "/phone");
        assertThat(owner.post(methods + "/phone", "phoneNumber", e164).status()).isEqualTo(200);
        assertThat(owner.post(methods + "/phone/confirm", "code", awaitCode(e164)).status()).isEqualTo(200);
        owner.post(methods + "/backup-codes/saved", "saved", "yes");
        owner.post("/logout");
        return username;
    }

    @Test
    void sendAgainWhenRightAfterTheAutomaticSmsThenSaysWhereItWentAndTheWaitToTheSecond() {
        String username = smsAccount("newcomer-sms", "+819012347801");
        PageClient browser = PageJourneys.browser(server);
        browser.get("/login");
        PageClient.Page challenge = browser.follow(browser.post("/login", "username", username, "password",
                PageJourneys.PASSWORD));
        assertThat(challenge.path()).startsWith("/login/challenge?sent&next-send=");
        assertThat(challenge.text("send-code")).isEqualTo("Send again");
        assertThat(Long.parseLong(challenge.attribute("send-again-wait", "data-seconds"))).isBetween(1L, 30L);
        assertThat(challenge.text("send-again-wait")).matches("You can ask for another in 0:[0-3][0-9] ?\\.");

        PageClient.Page again = browser.post("/login/send-code");

        assertThat(again.status()).isEqualTo(429);
        assertThat(again.has("form-error")).as("not an error: a code was sent").isFalse();
        assertThat(again.text("notice")).isEqualTo("We sent a code to •••• ••01.");
        assertThat(again.text("send-again-wait")).matches("You can ask for another in 0:[0-3][0-9] ?\\.");
        assertThat(again.text("send-again-countdown")).matches("0:[0-3][0-9]");
        assertThat(again.attribute("send-again-wait", "data-next-send-at")).endsWith("Z");
        assertThat(again.attribute("send-again-wait", "data-ready")).isEqualTo("You can ask for another code now.");
        assertThat(again.text("send-code")).as("the button still says a code went").isEqualTo("Send again");
        assertThat(Html.element(again.body(), "send-code").orElseThrow()).contains("data-send-again");
        assertThat(again.body()).doesNotContain("Too many codes");
        assertThat(texts("+819012347801").stream().filter(t -> t.contains("login code")))
                .as("one login code, the automatic one").hasSize(1);

        PageClient.Page japanese = browser.acceptLanguage("ja").post("/login/send-code");
        assertThat(japanese.text("notice")).isEqualTo("•••• ••01 にコードを送信しました。");
        assertThat(japanese.text("send-again-wait")).matches("0:[0-3][0-9] 後にもう一度送信できます。");
        assertThat(japanese.body()).doesNotContain("コードの送信回数が多すぎます");
    }

    @Test
    void loginWhenPasswordWrongThenFieldInvalidDescribedByTheErrorWhichHasFocusAndTheTitleSaysError() {
        PageClient browser = PageJourneys.browser(server);
        browser.get("/login");
        PageClient.Page wrong = browser.post("/login", "username", "nobody-here", "password", "not the password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(title(wrong)).isEqualTo("Error: Log in · Aikagi");
        assertThat(wrong.attribute("password", "aria-invalid")).isEqualTo("true");
        assertThat(wrong.attribute("password", "aria-describedby")).isEqualTo("form-error");
        assertThat(wrong.attribute("form-error", "tabindex")).isEqualTo("-1");
        assertThat(Html.element(wrong.body(), "form-error").orElseThrow()).contains("autofocus");
        assertThat(Html.element(wrong.body(), "username").orElseThrow()).doesNotContain("aria-invalid");

        PageClient.Page japanese = browser.acceptLanguage("ja").post("/login", "username", "nobody-here",
                "password", "not the password");
        assertThat(title(japanese)).startsWith("エラー: ");
        PageClient.Page fresh = browser.get("/login");
        assertThat(title(fresh)).doesNotContain("エラー").doesNotContain("Error");
        assertThat(Html.element(fresh.body(), "password").orElseThrow()).doesNotContain("aria-invalid");
    }

    @Test
    void signUpWhenOnlyTheUsernameIsWrongThenThePasswordIsKeptAndTheUsernameMarked() {
        PageClient first = PageJourneys.browser(server);
        PageJourneys.signUp(first, "newcomer-taken");
        PageClient browser = PageJourneys.browser(server);
        browser.get("/signup");

        PageClient.Page taken = browser.post("/signup", "username", "newcomer-taken", "password", "長くて覚えやすい合言葉です");

        assertThat(title(taken)).startsWith("Error: ");
        assertThat(taken.attribute("username", "aria-invalid")).isEqualTo("true");
        assertThat(taken.attribute("username", "aria-describedby")).isEqualTo("username-hint form-error");
        assertThat(taken.attribute("password", "value")).isEqualTo("長くて覚えやすい合言葉です");
        assertThat(Html.element(taken.body(), "password").orElseThrow()).doesNotContain("aria-invalid");

        PageClient.Page tooShort = browser.post("/signup", "username", "newcomer-short", "password", "short");
        assertThat(tooShort.attribute("password", "aria-invalid")).isEqualTo("true");
        assertThat(tooShort.attribute("password", "aria-describedby")).isEqualTo("password-hint form-error");
        assertThat(Html.element(tooShort.body(), "password").orElseThrow()).as("a refused password is never sent back")
                .doesNotContain("value=");
    }

    @Test
    void securityPageWhenJapaneseThenTimesInJstUnlessTheBrowserReportsAnotherZone() {
        PageClient browser = PageJourneys.browser(server).acceptLanguage("ja");
        PageJourneys.signUp(browser, "newcomer-zone");
        String security = "/settings/account-center/security";

        assertThat(browser.get(security).body()).as("the language's usual zone").contains(" JST<")
                .doesNotContain(" UTC<");

        browser.setCookie(PageZones.COOKIE, "America%2FNew_York");
        PageClient.Page newYork = browser.acceptLanguage("en").get(security);
        assertThat(newYork.body()).as("the browser's zone").contains(" EST<").doesNotContain(" JST<");

        browser.setCookie(PageZones.COOKIE, "Mars%2FOlympus_Mons");
        assertThat(browser.acceptLanguage("ja").get(security).body()).as("an unknown zone is ignored")
                .contains(" JST<");

        // A zone chosen on the security page wins over the browser's and the language's, on every page.
        PageClient.Page saved = browser.follow(browser.post(security + "/time-zone", "zone", "Asia/Kolkata"));
        assertThat(saved.text("time-zone-saved")).isEqualTo("タイムゾーンを保存しました。");
        assertThat(saved.body()).contains(" IST<").doesNotContain(" JST<")
                .contains("<option value=\"Asia/Kolkata\" selected=\"selected\">");
        assertThat(saved.text("time-zone-current")).contains("Asia/Kolkata");
        browser.setCookie(PageZones.COOKIE, "America%2FNew_York");
        assertThat(browser.get(security).body()).contains(" IST<");

        browser.follow(browser.post(security + "/time-zone", "zone", "Not/A_Zone"));
        assertThat(browser.get(security).body()).as("a forged option changes nothing").contains(" IST<");

        browser.follow(browser.post(security + "/time-zone", "zone", ""));
        assertThat(browser.get(security).body()).as("back to the browser's zone").contains(" EST<");
    }

    @Test
    void backupCodeFieldWhenShownThenNotOfferedTheLatestTextMessage() {
        PageClient owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, "newcomer-backup");
        PageJourneys.enableTwoStep(owner);
        PageClient.Page challenge = PageJourneys.logOutAndStartLogin(owner, "newcomer-backup");
        assertThat(Html.element(challenge.body(), "code").orElseThrow()).contains("autocomplete=\"one-time-code\"");

        PageClient.Page backup = PageJourneys.chooseBackupCode(owner);

        assertThat(Html.element(backup.body(), "code").orElseThrow()).contains("autocomplete=\"off\"")
                .doesNotContain("one-time-code");
    }
}
