package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.PageClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pages in Japanese and English: chosen from Accept-Language, switched with ?lang=, remembered. */
class PageLanguageTest extends PageTestSupport {

    @Test
    void pageWhenAcceptLanguageJapaneseThenJapanese() {
        PageClient browser = PageJourneys.browser(server).acceptLanguage("ja-JP,ja;q=0.9,en;q=0.5");
        PageClient.Page login = browser.get("/login");

        assertThat(login.body()).contains("<html lang=\"ja\">", "<h1>ログイン</h1>", "ユーザー名", "パスワード");
        assertThat(login.attribute("lang-ja", "aria-current")).isEqualTo("true");
        assertThat(login.attribute("lang-en", "href")).isEqualTo("?lang=en");
    }

    @Test
    void pageWhenAcceptLanguageUnsupportedThenFirstSupportedOrEnglish() {
        assertThat(PageJourneys.browser(server).acceptLanguage("fr-FR,ja;q=0.5").get("/login").body())
                .contains("<html lang=\"ja\">");
        assertThat(PageJourneys.browser(server).acceptLanguage("fr-FR,de;q=0.5").get("/login").body())
                .contains("<html lang=\"en\">", "<h1>Log in</h1>");
        assertThat(PageJourneys.browser(server).acceptLanguage("").get("/signup").body()).contains("<html lang=\"en\">");
    }

    @Test
    void switcherWhenLanguageChosenThenRememberedOverAcceptLanguage() {
        PageClient browser = PageJourneys.browser(server).acceptLanguage("ja");
        PageClient.Page english = browser.get("/login?lang=en&add=1&username=taro");
        assertThat(english.body()).contains("<html lang=\"en\">");
        assertThat(english.attribute("lang-ja", "href")).isEqualTo("?add=1&username=taro&lang=ja");
        assertThat(PageClient.all(english, "Set-Cookie")).anyMatch(c -> c.startsWith("aikagi_lang=en"));

        assertThat(browser.get("/signup").body()).contains("<html lang=\"en\">", "Create an account");
        assertThat(browser.get("/signup?lang=ja").body()).contains("<html lang=\"ja\">", "アカウントを作成");
        assertThat(browser.get("/login").body()).contains("<html lang=\"ja\">");
        // Unknown or malformed choices change nothing.
        assertThat(browser.get("/login?lang=fr").body()).contains("<html lang=\"ja\">");
        assertThat(browser.get("/login?lang=%3Cb%3E").body()).contains("<html lang=\"ja\">");
        browser.setCookie("aikagi_lang", "fr");
        assertThat(browser.get("/login").body()).contains("<html lang=\"ja\">");
    }

    @Test
    void errorsWhenJapaneseThenJapaneseMessages() {
        PageClient browser = PageJourneys.browser(server).acceptLanguage("ja");
        PageJourneys.signUp(browser, "lang-yuki");
        List<String> codes = PageJourneys.enableTwoStep(browser);
        PageJourneys.logOutAndStartLogin(browser, "lang-yuki");
        PageClient.Page challenge = browser.get("/login/challenge");
        assertThat(challenge.body()).contains("<h1>認証アプリのコードを入力</h1>");
        assertThat(challenge.text("try-another-way")).isEqualTo("別の方法を試す");
        PageJourneys.chooseBackupCode(browser);

        PageClient.Page typo = browser.post("/login/challenge", "code", "0000 0000");
        assertThat(typo.text("form-error")).isEqualTo("コードが正しくありません。入力ミスがないか確認してください。");
        PageClient.Page left = browser.follow(browser.post("/login/challenge", "code", PageJourneys.fullWidth(codes.get(0))));
        assertThat(left.text("remaining-count")).isEqualTo("9");
        assertThat(left.body()).contains("バックアップコードでログインしました");

        PageJourneys.logOutAndStartLogin(browser, "lang-yuki");
        PageJourneys.chooseBackupCode(browser);
        PageClient.Page used = browser.post("/login/challenge", "code", codes.get(0));
        assertThat(used.text("form-error")).isEqualTo("このバックアップコードは使用済みです。各コードは1回だけ使えます。");
        PageClient.Page limited = null;
        for (int i = 0; i < 10 && (limited == null || limited.status() != 429); i++) {
            limited = browser.post("/login/challenge", "code", String.format("%04d 1111", 2000 + i));
        }
        assertThat(limited.text("form-error")).matches("試行回数が多すぎます。\\d{1,2}:\\d{2} .+ 以降にもう一度お試しください。");
    }

    @Test
    void backupCodesPageWhenJapaneseThenAdviceAndDownloadInJapanese() {
        PageClient browser = PageJourneys.browser(server).acceptLanguage("ja");
        PageJourneys.signUp(browser, "lang-sakura");
        PageJourneys.enableTwoStep(browser);
        String methods = PageJourneys.methodsPath(browser);
        PageClient.Page overview = browser.get(methods + "/backup-codes");
        assertThat(overview.text("storage-advice")).startsWith("これらのコードは紙に書き写すか印刷して");
        PageClient.Page shown = browser.post(methods + "/backup-codes/show", "password", PageJourneys.PASSWORD);
        assertThat(shown.text("copy-codes")).isEqualTo("コードをコピー");
        assertThat(browser.get(methods + "/backup-codes/download").body())
                .startsWith("Aikagi バックアップコード\nアカウント：lang-sakura\n作成日時：")
                .contains("各コードは1回だけ使えます。");
    }
}
