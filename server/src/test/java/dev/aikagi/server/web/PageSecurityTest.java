package dev.aikagi.server.web;

import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.PageClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web security of the pages: headers, cookies, CSRF, and bad input of every kind answered with a page
 * and a 4xx (or a re-rendered form), never a 500 or a stack trace.
 */
class PageSecurityTest {

    private static final String LONG = "a".repeat(10_000);
    private static final String CONTROL = "ab\u0000\u0001\u0007\u001b[31m\u007f\r\ncd";
    private static final String HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    private static final String SQL = "' OR '1'='1' --; DROP TABLE account;";
    private static final List<String> BAD = List.of("", " ", LONG, CONTROL, HTML, SQL, "１２３４５６７８９０１２", "\uD83D\uDE00",
            "\uFEFF0000 0000", "null", "%00", "9".repeat(100_000));

    @TempDir
    static Path dataDir;
    static RunningServer server;
    /** Signed in to an account with two-step verification on. */
    static PageClient owner;
    static String methods;

    @BeforeAll
    static void start() {
        server = PageJourneys.start(dataDir);
        owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, "sec-owner");
        PageJourneys.enableTwoStep(owner);
        methods = PageJourneys.methodsPath(owner);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headersWhenAnyPageThenCspFramingAndReferrerPolicies() {
        PageClient anonymous = PageJourneys.browser(server);
        List<PageClient.Page> pages = List.of(anonymous.get("/login"), anonymous.get("/signup"),
                anonymous.get("/no-such-page"), owner.get("/settings"), owner.get(methods));
        for (PageClient.Page page : pages) {
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as(page.path())
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(page.path()).contains("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(page.path()).contains("no-referrer");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(page.path()).contains("nosniff");
            assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).as(page.path()).contains("no-store");
        }
    }

    @Test
    void cookiesWhenSetThenHttpOnlyAndSameSiteLax() {
        PageClient browser = PageJourneys.browser(server);
        List<String> setCookies = new ArrayList<>();
        PageClient.Page form = browser.get("/signup?lang=ja");
        setCookies.addAll(PageClient.all(form, "Set-Cookie"));
        setCookies.addAll(PageClient.all(browser.post("/signup", "username", "sec-cookies", "password", PASSWORD), "Set-Cookie"));
        browser.get("/settings");
        PageJourneys.enableTwoStep(browser);
        setCookies.addAll(PageClient.all(browser.post("/logout"), "Set-Cookie"));
        browser.get("/login");
        setCookies.addAll(PageClient.all(browser.post("/login", "username", "sec-cookies", "password", PASSWORD), "Set-Cookie"));

        assertThat(setCookies).extracting(c -> c.substring(0, c.indexOf('=')))
                .contains("aikagi_csrf", "aikagi_lang", "aikagi_session", "aikagi_flow");
        assertThat(setCookies).allSatisfy(c -> assertThat(c).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").contains("Path=/"));
    }

    @Test
    void postWhenCsrfTokenMissingOrWrongThenForbiddenPageAndNothingDone() {
        PageClient browser = PageJourneys.browser(server);
        browser.get("/signup");
        PageClient.Page missing = browser.postRaw("/signup", Map.of("username", "sec-csrf", "password", PASSWORD));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.text("form-error")).contains("Go back, reload the page and try again.");
        assertThat(missing.body()).contains("<html lang=\"en\">").doesNotContain("Exception");
        PageClient.Page wrong = browser.postRaw("/signup", Map.of("username", "sec-csrf", "password", PASSWORD,
                "_csrf", "not-the-token"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(browser.cookie("aikagi_session")).isEmpty();

        // The account was not made: signing up with the name still works.
        browser.get("/signup");
        assertThat(browser.post("/signup", "username", "sec-csrf", "password", PASSWORD).status()).isEqualTo(302);

        // A forged logout does not end the session.
        PageClient.Page forged = owner.postRaw("/logout", Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(owner.get("/settings").status()).isEqualTo(200);
        PageClient.Page forgedOff = owner.postRaw(methods + "/disable", Map.of("password", PASSWORD, "method", "totp", "code", "000000"));
        assertThat(forgedOff.status()).isEqualTo(403);
    }

    @Test
    void formsWhenBadInputThenPageWithMessageNeverServerError() {
        List<PageClient.Page> answers = new ArrayList<>();
        // A login waiting for its second factor (started before the failures below slow the password down).
        PageClient halfway = PageJourneys.browser(server);
        PageJourneys.logOutAndStartLogin(halfway, "sec-owner");
        for (String bad : BAD) {
            answers.add(halfway.post("/login/challenge", "code", bad, "then", bad));
            answers.add(halfway.post("/login/methods", "method", bad, "then", bad));
        }
        for (String method : List.of("password", "sms", "BACKUP_CODE", "TOTP", "otp")) {
            PageClient.Page refused = halfway.post("/login/methods", "method", method);
            assertThat(refused.status()).as(method).isEqualTo(400);
            answers.add(refused);
        }
        answers.add(halfway.post("/login/methods", Map.of()));
        answers.add(halfway.post("/login/challenge", Map.of()));

        for (String bad : BAD) {
            // A browser of its own per value: some values make a valid name or password, and a
            // successful sign-up would change the state the next value meets.
            PageClient anonymous = PageJourneys.browser(server);
            anonymous.get("/login");
            answers.add(anonymous.post("/login", "username", bad, "password", bad));
            answers.add(anonymous.post("/login", "username", "sec-owner", "password", bad));
            answers.add(anonymous.post("/signup", "username", bad, "password", bad));
            answers.add(anonymous.post("/signup", "username", "sec-new", "password", bad));
            answers.add(anonymous.post("/login/challenge", "code", bad));
            answers.add(anonymous.post("/login/methods", "method", bad));
        }
        PageClient anonymous = PageJourneys.browser(server);
        anonymous.get("/login");
        answers.add(anonymous.post("/login", Map.of()));
        answers.add(anonymous.post("/signup", Map.of()));
        answers.add(anonymous.post("/login/challenge", Map.of()));

        for (String bad : BAD) {
            answers.add(owner.post(methods + "/totp/confirm", "code", bad));
            answers.add(owner.post(methods + "/disable", "password", bad, "method", bad, "code", bad));
            answers.add(owner.post(methods + "/disable", "password", bad, "method", "totp", "code", bad));
            answers.add(owner.post(methods + "/backup-codes/show", "password", bad));
            answers.add(owner.post(methods + "/backup-codes/new", "password", bad));
            answers.add(owner.post(methods + "/backup-codes/saved", "saved", bad));
            answers.add(owner.post("/settings/reauth", "password", bad, "next", bad));
        }
        answers.add(owner.post(methods + "/disable", Map.of()));
        answers.add(owner.post(methods + "/backup-codes/show", Map.of()));
        answers.add(owner.post("/settings/reauth", Map.of()));

        assertThat(answers).allSatisfy(PageSecurityTest::isCalmAnswer);
        // Still signed in and still protected: nothing above changed the account.
        assertThat(owner.get(methods).text("two-step-status")).isEqualTo("On");
    }

    @Test
    void addressesWhenBadPathsOrMethodsThenLocalizedErrorPage() {
        PageClient anonymous = PageJourneys.browser(server).acceptLanguage("ja");
        PageClient.Page notFound = anonymous.get("/no-such-page");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).contains("<html lang=\"ja\">", "ページが見つかりません");
        assertThat(notFound.has("lang-en")).isTrue();
        PageClient.Page put = owner.get(methods + "/totp");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.body()).contains("This address does not work that way");

        List<PageClient.Page> answers = new ArrayList<>(List.of(notFound, put,
                anonymous.get("/login?add=" + enc(HTML) + "&username=" + enc(HTML) + "&then=" + enc(HTML)),
                anonymous.get("/login?username=" + enc(CONTROL)),
                anonymous.get("/login?lang=" + enc(HTML)), anonymous.get("/login?lang="), anonymous.get("/login?lang=zz"),
                anonymous.get("/login/methods"), anonymous.get("/login/backup-codes-left?remaining=" + enc(HTML)),
                anonymous.get("/static/../application.yml"),
                anonymous.send("DELETE", "/signup"),
                owner.get(PageJourneys.TWO_FACTOR + "/" + enc("<script>alert(1)")),
                owner.get(PageJourneys.TWO_FACTOR + "/" + "x".repeat(5000)),
                owner.get(PageJourneys.TWO_FACTOR + "/" + enc(SQL) + "/backup-codes/print"),
                owner.get(methods + "/backup-codes/" + enc("<b>")),
                owner.get(methods + "/totp"),
                owner.get("/logout"),
                owner.send("DELETE", methods)));
        assertThat(answers).allSatisfy(PageSecurityTest::isCalmAnswer);
        assertThat(anonymous.get("/login?lang=zz").body()).contains("<html lang=\"ja\">");

        // Paths the servlet container itself refuses before any page is chosen (encoded slashes, NUL,
        // climbing above the root): a bare 400, still without any detail of the server.
        for (String path : List.of("/css/../../application.yml", PageJourneys.TWO_FACTOR + "/..%2F..%2F",
                PageJourneys.TWO_FACTOR + "/%00", PageJourneys.TWO_FACTOR + "/" + enc(HTML))) {
            PageClient.Page refused = owner.get(path);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.body()).as(path).doesNotContain("Tomcat/", "Exception", "at org.", "<script>alert");
        }
    }

    /** A 2xx/3xx/4xx answer, as a page (or a redirect), with no trace of the server's insides. */
    private static void isCalmAnswer(PageClient.Page page) {
        assertThat(page.status()).as(page.path()).isBetween(200, 499);
        assertThat(page.body()).as(page.path())
                .doesNotContain("Exception", "at dev.aikagi", "at org.", "Whitelabel", "<script>alert(1)",
                        "<img src=x onerror");
        if (page.status() >= 400) {
            assertThat(page.headers().firstValue("Content-Type").orElse("")).as(page.path()).startsWith("text/html");
            assertThat(page.has("form-error")).as(page.path() + "\n" + page.body()).isTrue();
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
