package dev.aikagi.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.PageClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Steps of the journeys as a person does them on the pages, shared by the page tests. */
public final class PageJourneys {

    public static final String PASSWORD = "ゆきだるまの朝ごはん";
    public static final String TWO_FACTOR = "/settings/account-center/security/two-factor";

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private PageJourneys() {
    }

    /**
     * The application, trusting X-Forwarded-For from the loopback test client, so every test client can
     * have an address (and rate limits) of its own.
     */
    public static RunningServer start(Path dataDir) {
        return RunningServer.start(dataDir, "--server.forward-headers-strategy=native");
    }

    /** A fresh browser with an address of its own. */
    public static PageClient browser(RunningServer server) {
        int n = ADDRESSES.getAndIncrement();
        return new PageClient(server.port(), "198.51." + (n / 250) + "." + (1 + n % 250));
    }

    /** Signs up on the page; the browser ends signed in, on the two-factor account choice. */
    public static PageClient.Page signUp(PageClient browser, String username) {
        browser.get("/signup");
        PageClient.Page created = browser.post("/signup", "username", username, "password", PASSWORD);
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.location()).endsWith(TWO_FACTOR + "?created");
        return browser.follow(created);
    }

    /** The methods page of the signed-in account, reached through the account choice. */
    public static String methodsPath(PageClient browser) {
        PageClient.Page choose = browser.get(TWO_FACTOR);
        if (choose.status() == 302) {
            return choose.location(); // one account in this browser: straight to its page (issue 17)
        }
        assertThat(choose.status()).isEqualTo(200);
        String current = Html.byClass(choose.body(), "account-choice").stream()
                .map(a -> Html.attribute(a, "href").orElseThrow())
                .filter(href -> href.startsWith(TWO_FACTOR + "/"))
                .findFirst().orElseThrow();
        return current;
    }

    /** Turns on the authenticator app from the methods page; returns the first backup codes as shown. */
    public static List<String> enableTwoStep(PageClient browser) {
        String methods = methodsPath(browser);
        browser.get(methods);
        PageClient.Page setup = browser.post(methods + "/totp");
        assertThat(setup.status()).isEqualTo(200);
        assertThat(setup.attribute("totp-qr", "src")).startsWith("data:image/png;base64,");
        String code = totpNow(setup.text("totp-secret"));
        PageClient.Page shown = browser.post(methods + "/totp/confirm", "code", code);
        assertThat(shown.status()).isEqualTo(200);
        List<String> codes = codes(shown);
        PageClient.Page saved = browser.post(methods + "/backup-codes/saved", "saved", "yes");
        assertThat(saved.location()).endsWith(methods + "?codes-saved");
        return codes;
    }

    public static String totpNow(String groupedSecret) {
        return Authenticator.codeAt(groupedSecret, Instant.now());
    }

    /** The codes of {@code ul#backup-codes}, each exactly as shown. */
    public static List<String> codes(PageClient.Page page) {
        String list = Html.element(page.body(), "backup-codes").orElseThrow(() -> new AssertionError(page.body()));
        return Html.byClass(list, "code").stream().map(Html::text).toList();
    }

    /** Logs out, then logs in with the password; the browser is left on the challenge page. */
    public static PageClient.Page logOutAndStartLogin(PageClient browser, String username) {
        if (browser.cookie("aikagi_session").isPresent()) {
            PageClient.Page out = browser.post("/logout");
            assertThat(out.location()).isEqualTo("/login?logged-out");
        }
        browser.get("/login");
        PageClient.Page password = browser.post("/login", "username", username, "password", PASSWORD);
        assertThat(password.status()).isEqualTo(302);
        assertThat(password.location()).isEqualTo("/login/challenge");
        return browser.follow(password);
    }

    /** From the challenge page: "try another way" → backup code. */
    public static PageClient.Page chooseBackupCode(PageClient browser) {
        PageClient.Page methods = browser.get("/login/methods");
        assertThat(methods.has("method-backup_code")).isTrue();
        PageClient.Page chosen = browser.post("/login/methods", "method", "backup_code");
        assertThat(chosen.location()).isEqualTo("/login/challenge");
        return browser.follow(chosen);
    }

    /** An account with two-step verification, signed in again with a backup code (AAL2). */
    public static PageClient signedInWithTwoSteps(RunningServer server, String username) {
        PageClient browser = browser(server);
        signUp(browser, username);
        List<String> codes = enableTwoStep(browser);
        logOutAndStartLogin(browser, username);
        chooseBackupCode(browser);
        PageClient.Page in = browser.post("/login/challenge", "code", codes.get(0));
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.location()).isNotEqualTo("/login/challenge");
        return browser;
    }

    /** {@code 1234 5678} typed with full-width digits and an ideographic space. */
    public static String fullWidth(String code) {
        StringBuilder out = new StringBuilder();
        for (char c : code.toCharArray()) {
            out.append(c == ' ' ? '\u3000' : (char) (c - '0' + '\uFF10'));
        }
        return out.toString();
    }
}
