package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Chromium;
import dev.aikagi.testkit.Screen;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The single-page-app sample ({@code samples/spa}) in Chromium, served from an origin of its own
 * ({@code http://localhost:<port>}, while Aikagi is {@code http://127.0.0.1:<port>}): a public client with PKCE
 * whose page calls discovery, the token, JWKS, userinfo and revocation endpoints across origins (CORS,
 * {@code allowed-origins}). It logs in with the password and the authenticator app, and with a backup code; the
 * login and code pages name the application and "Not you? Use another account" keeps the application's request.
 */
class SpaSampleJourneyTest extends BrowserTestSupport {

    static final Path SAMPLE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
            .resolve("samples/spa");
    static HttpServer spa;
    static String spaUrl;

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        try {
            spa = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        spaUrl = "http://localhost:" + spa.getAddress().getPort();
        spa.createContext("/", SpaSampleJourneyTest::serve);
        spa.start();
        server = BrowserServer.start(dataDir,
                "--aikagi.oidc.clients.photo-album.name=Photo album",
                "--aikagi.oidc.clients.photo-album.redirect-uris=" + spaUrl + "/",
                "--aikagi.oidc.clients.photo-album.post-logout-redirect-uris=" + spaUrl + "/",
                "--aikagi.oidc.clients.photo-album.allowed-origins=" + spaUrl,
                "--aikagi.oidc.clients.photo-album.first-party=true");
    }

    @AfterAll
    static void stopSpa() {
        if (spa != null) {
            spa.stop(0);
        }
    }

    /** The sample's files as they are in the repository, and its config.json pointing at this test's Aikagi. */
    static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        String type;
        if (path.equals("/config.json")) {
            body = ("{\"issuer\":\"" + server.url("") + "\",\"clientId\":\"photo-album\",\"redirectUri\":\"" + spaUrl
                    + "/\",\"postLogoutRedirectUri\":\"" + spaUrl + "/\"}").getBytes(StandardCharsets.UTF_8);
            type = "application/json";
        } else if (path.equals("/") || path.equals("/index.html") || path.equals("/app.js")) {
            String file = path.equals("/app.js") ? "app.js" : "index.html";
            body = Files.readAllBytes(SAMPLE.resolve(file));
            type = file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8";
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static final By SIGNED_IN = By.cssSelector("#signed-in:not([hidden])");
    static final By SIGNED_OUT = By.cssSelector("#signed-out:not([hidden])");

    /** The sample's page, signed out, its "Log in with Aikagi" pressed: Aikagi's login page for Photo album. */
    static LoginPage startLoginAtTheSample(Browser browser, String step) {
        browser.open(spaUrl + "/");
        browser.waitFor(SIGNED_OUT);
        browser.screenshot(step);
        browser.clickAndWait(By.id("login"));
        LoginPage login = new LoginPage(browser, step + "-aikagi-login");
        assertThat(browser.text(By.id("asking-application"))).contains("Photo album");
        return login;
    }

    static Map<String, String> signedInAtTheSample(Browser browser, String step) {
        browser.until(d -> d.getCurrentUrl().startsWith(spaUrl) && !d.findElements(SIGNED_IN).isEmpty());
        browser.screenshot(step);
        assertThat(browser.has(By.cssSelector("#error:not([hidden])"))).as(() -> browser.report("an error shown")).isFalse();
        return Map.of("username", browser.text(By.id("username")), "amr", browser.text(By.id("amr")),
                "acr", browser.text(By.id("acr")));
    }

    @Test
    void spaSampleWhenPasswordAndTotpThenBackupCodeThenSignedInEachTimeAcrossOrigins() {
        Person person = TestPeople.person().named("spa").build();
        try (Browser browser = Browser.chromium().named("spa-sample").screen(Screen.PC).language(Locale.ENGLISH)
                .open(server.url(""))) {
            // An account with the authenticator app and backup codes, then signed out.
            TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(person).choose(person);
            TotpSetupPage setup = methods.enableTotp(person);
            String secret = setup.shownSecret();
            ShownBackupCodesPage shown = setup.confirm(setup.codeAt(Instant.now()));
            List<String> codes = shown.codes();
            shown.confirmSaved().logout();

            // Password, then the code page names the application; "Not you?" drops that login, keeps the app's.
            ChallengePage challenge = startLoginAtTheSample(browser, "spa-signed-out").logIn(person);
            assertThat(browser.text(By.id("asking-application"))).contains("Photo album");
            assertThat(browser.has(By.id("use-another-account"))).isTrue();
            browser.clickAndWait(By.id("use-another-account"));
            LoginPage again = new LoginPage(browser, "not-you-login-again");
            assertThat(browser.text(By.id("asking-application"))).contains("Photo album");

            // The authenticator app's code: back at the sample, signed in at aal2 with pwd and otp.
            challenge = again.logIn(person);
            challenge.enter(Authenticator.codeAt(secret, Instant.now().plusSeconds(30)));
            browser.clickAndWait(challenge.submitButton());
            Map<String, String> first = signedInAtTheSample(browser, "spa-signed-in-totp");
            assertThat(first.get("username")).isEqualTo(person.username());
            assertThat(first.get("amr")).isEqualTo("pwd otp mfa");
            assertThat(first.get("acr")).isEqualTo("aal2");

            // Log out at the sample: its access token revoked across origins, the Aikagi session ended.
            browser.clickAndWait(By.id("logout"));
            browser.until(d -> d.getCurrentUrl().startsWith(spaUrl) && !d.findElements(SIGNED_OUT).isEmpty());
            browser.screenshot("spa-logged-out");

            // A backup code through "Try another way".
            ChallengePage byBackup = startLoginAtTheSample(browser, "spa-signed-out-again").logIn(person)
                    .tryAnotherWay().chooseBackupCode();
            assertThat(browser.text(By.id("asking-application"))).contains("Photo album");
            BackupCodesLeftPage left = byBackup.submitBackupCode(codes.get(0));
            assertThat(left.remaining()).isEqualTo(9);
            browser.clickAndWait(By.id("continue"));
            Map<String, String> second = signedInAtTheSample(browser, "spa-signed-in-backup-code");
            assertThat(second.get("amr")).isEqualTo("pwd backup_code mfa");
            assertThat(second.get("acr")).isEqualTo("aal2");

            // A redirect_uri the client does not have: a page for the developer naming it, never a redirect.
            browser.open(server.url("/oauth2/authorize?response_type=code&client_id=photo-album&scope=openid"
                    + "&redirect_uri=https%3A%2F%2Fevil.example%2F&code_challenge=x&code_challenge_method=S256"));
            browser.waitFor(By.id("request-problem"));
            browser.screenshot("redirect-uri-not-registered");
            assertThat(browser.where()).startsWith("127.0.0.1:");
            assertThat(browser.text(By.id("request-problem"))).contains("https://evil.example/", "photo-album");

            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
