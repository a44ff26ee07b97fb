package dev.aikagi.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.aikagi.demo.DemoApplication;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Chromium;
import dev.aikagi.testkit.PackagedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole OpenID Connect code flow in a browser: the demo app (Spring Security's OAuth2 client, with PKCE)
 * against the packaged Aikagi server in its own process, through Aikagi's own login pages. The demo runs on
 * {@code localhost} and Aikagi on {@code 127.0.0.1}, two different sites for the browser, as in real life.
 * Each journey has its own account and its own fresh browser.
 */
class OidcLoginJourneyTest {

    private static final String CLIENT_ID = "demo";

    @TempDir
    static Path dataDir;
    static PackagedServer aikagi;
    static ConfigurableApplicationContext demo;
    static String demoUrl;
    static TestAccounts accounts;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        PackagedServer.requirePackaged();
        int demoPort = PackagedServer.freePort();
        demoUrl = "http://localhost:" + demoPort;
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String clientSecret = HexFormat.of().formatHex(secret);
        // The same arguments the README gives for running the demo by hand.
        aikagi = PackagedServer.start(dataDir, List.of(
                "--aikagi.oidc.clients.demo.name=Aikagi demo",
                "--aikagi.oidc.clients.demo.secret=" + clientSecret,
                "--aikagi.oidc.clients.demo.redirect-uris=" + demoUrl + "/login/oauth2/code/aikagi",
                "--aikagi.oidc.clients.demo.post-logout-redirect-uris=" + demoUrl + "/signed-out",
                "--aikagi.oidc.clients.demo.first-party=true"));
        demo = new SpringApplicationBuilder(DemoApplication.class).run(
                "--server.port=" + demoPort,
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--demo.aikagi-url=" + aikagi.base(),
                "--demo.client-secret=" + clientSecret);
        accounts = new TestAccounts(aikagi.base(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        try {
            if (demo != null) {
                demo.close();
            }
        } finally {
            if (aikagi != null) {
                aikagi.close();
            }
        }
    }

    @Test
    void loginWhenPasswordAndAuthenticatorAppThenDemoShowsBothFactorsAndIdTokenVerifiesWithJwks() throws Exception {
        TestAccounts.Account taro = accounts.withAuthenticatorApp("taro");
        try (Browser browser = Browser.chromium().named("password-and-app").open()) {
            Instant before = Instant.now().minusSeconds(1);

            DemoPages.SignedIn me = logInWithApp(browser, taro);

            assertThat(me.username()).isEqualTo("taro");
            assertThat(me.subject()).isEqualTo(taro.id);
            assertThat(me.amr()).containsExactly("pwd", "otp", "mfa");
            assertThat(me.factors()).containsExactly("password", "authenticator app", "(more than one factor)");
            assertThat(me.acr()).isEqualTo("aal2");
            assertThat(me.acrWords()).isEqualTo("two-step verification");
            assertThat(me.issuer()).isEqualTo(aikagi.base().toString());
            assertThat(Instant.parse(me.authTime())).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));

            // Spring's client has already checked the signature and claims (else no signed-in page); check again
            // independently, with Nimbus and the keys Aikagi publishes.
            JWTClaimsSet claims = verifiedWithPublishedKeys(me.idToken());
            assertThat(claims.getIssuer()).isEqualTo(aikagi.base().toString());
            assertThat(claims.getAudience()).containsExactly(CLIENT_ID);
            assertThat(claims.getSubject()).isEqualTo(taro.id);
            assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
            assertThat(claims.getIssueTime().toInstant()).isBefore(Instant.now().plusSeconds(5));
            assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp", "mfa");
            assertThat(claims.getStringClaim("acr")).isEqualTo("aal2");
            assertThat(claims.getStringClaim("nonce")).as("nonce of the demo's request").isNotBlank();
            assertThat(claims.getStringClaim("preferred_username")).isEqualTo("taro");
            assertThat(claims.getClaim("auth_time")).isNotNull();
            assertThat(claims.getStringClaim("sid")).as("sid, for logout").isNotBlank();
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void loginWhenBackupCodeThroughTryAnotherWayThenDemoShowsBackupCode() throws Exception {
        TestAccounts.Account hanako = accounts.withAuthenticatorApp("hanako");
        try (Browser browser = Browser.chromium().named("password-and-backup-code").open()) {
            AikagiPages.Challenge app = DemoPages.Home.open(browser, demoUrl).logIn().logIn(hanako);

            app.tryAnotherWay().chooseBackupCode().submit(hanako.nextBackupCode());
            DemoPages.SignedIn me = backAtDemoAfterBackupCode(browser);

            assertThat(me.username()).isEqualTo("hanako");
            assertThat(me.amr()).containsExactly("pwd", "backup_code", "mfa");
            assertThat(me.factors()).containsExactly("password", "backup code", "(more than one factor)");
            assertThat(me.acr()).isEqualTo("aal2");
            JWTClaimsSet claims = verifiedWithPublishedKeys(me.idToken());
            assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "backup_code", "mfa");
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void refreshWhenSignedInThenDemoGetsANewAccessTokenWithTheRefreshToken() throws Exception {
        TestAccounts.Account jiro = accounts.withAuthenticatorApp("jiro");
        try (Browser browser = Browser.chromium().named("refresh").open()) {
            DemoPages.SignedIn me = logInWithApp(browser, jiro);
            String first = me.accessToken();
            assertThat(me.refreshToken()).as("a refresh token for the confidential client").isEqualTo("yes");

            DemoPages.SignedIn refreshed = me.refreshTokens();

            assertThat(refreshed.refreshProblem()).isNull();
            browser.check(refreshed.saysTokenChanged(), "expected 'the access token changed'");
            assertThat(refreshed.refreshedFrom()).isEqualTo(first);
            assertThat(refreshed.refreshedTo()).isEqualTo(refreshed.accessToken()).isNotEqualTo(first);
            assertThat(refreshed.username()).isEqualTo("jiro");
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void logoutWhenSignedInThenBackAtDemoHomeAndAikagiAsksForThePasswordAgain() throws Exception {
        TestAccounts.Account saburo = accounts.withAuthenticatorApp("saburo");
        try (Browser browser = Browser.chromium().named("logout").open()) {
            DemoPages.SignedIn me = logInWithApp(browser, saburo);

            DemoPages.Home home = me.logOut();

            assertThat(browser.url()).isEqualTo(demoUrl + "/signed-out");
            assertThat(home.saysSignedOut()).isTrue();
            assertThat(home.saysSignedIn()).isFalse();
            browser.open(demoUrl + "/me");
            assertThat(browser.has(DemoPages.SignedIn.PAGE)).as("the demo's session ended").isFalse();
            // Aikagi's session ended too: a new login starts at its password page, not straight back here.
            home = new DemoPages.Home(browser, "demo-home-after-logout");
            home.logIn();
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void loginWhenTwoStepRequiredAndAccountHasNoSecondFactorThenDemoShowsUnmetRequirementsError() throws Exception {
        TestAccounts.Account shiro = accounts.passwordOnly("shiro");
        try (Browser browser = Browser.chromium().named("two-step-required").open()) {
            AikagiPages.Login login = DemoPages.Home.open(browser, demoUrl).logInRequiringTwoStep();

            login.submit(shiro);
            browser.waitFor(DemoPages.Home.PAGE);
            DemoPages.Home home = new DemoPages.Home(browser, "demo-error");

            assertThat(home.errorCode()).isEqualTo("unmet_authentication_requirements");
            assertThat(home.errorExplanation()).contains("two-step verification");
            assertThat(home.saysSignedIn()).as("no weaker login instead").isFalse();
            browser.open(demoUrl + "/me");
            assertThat(browser.has(DemoPages.SignedIn.PAGE)).isFalse();
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void loginAgainWhenStillSignedInAtAikagiThenPasswordAndSecondFactorAreAskedAgain() throws Exception {
        TestAccounts.Account goro = accounts.withAuthenticatorApp("goro");
        try (Browser browser = Browser.chromium().named("login-again").open()) {
            DemoPages.SignedIn first = logInWithApp(browser, goro);
            Instant firstLogin = Instant.parse(first.authTime());
            String firstIdToken = first.idToken();

            AikagiPages.Challenge challenge = first.logInAgain().logIn(goro);
            // A backup code this time: the app's code of this 30-second step is spent already.
            challenge.tryAnotherWay().chooseBackupCode().submit(goro.nextBackupCode());
            DemoPages.SignedIn again = backAtDemoAfterBackupCode(browser);

            assertThat(again.amr()).containsExactly("pwd", "backup_code", "mfa");
            assertThat(Instant.parse(again.authTime())).isAfterOrEqualTo(firstLogin);
            assertThat(again.idToken()).isNotEqualTo(firstIdToken);
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    /** Demo home → Log in → Aikagi's password page → the app's code → the demo's signed-in page. */
    private static DemoPages.SignedIn logInWithApp(Browser browser, TestAccounts.Account account) {
        AikagiPages.Challenge challenge = DemoPages.Home.open(browser, demoUrl).logIn().logIn(account);
        challenge.submit(account.totpCode());
        browser.waitFor(DemoPages.SignedIn.PAGE);
        return new DemoPages.SignedIn(browser, "demo-signed-in");
    }

    /**
     * After a backup code Aikagi may first say how many codes are left (its page for every login with a
     * backup code); "Continue" then goes on to the application that asked for the login.
     */
    private static DemoPages.SignedIn backAtDemoAfterBackupCode(Browser browser) {
        if (browser.where().contains("/login/backup-codes-left")) {
            browser.screenshot("aikagi-backup-codes-left");
            browser.clickAndWait(By.id("continue"));
        }
        browser.waitFor(DemoPages.SignedIn.PAGE);
        return new DemoPages.SignedIn(browser, "demo-signed-in-backup-code");
    }

    /** Checks the ID token's signature with the key Aikagi publishes (discovery → jwks_uri → kid), and returns its claims. */
    private static JWTClaimsSet verifiedWithPublishedKeys(String idToken) throws Exception {
        Map<String, Object> discovery = JSONObjectUtils.parse(get(aikagi.url("/.well-known/openid-configuration")));
        assertThat(discovery.get("issuer")).isEqualTo(aikagi.base().toString());
        JWKSet keys = JWKSet.parse(get((String) discovery.get("jwks_uri")));
        SignedJWT token = SignedJWT.parse(idToken);
        JWK key = keys.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).as("the ID token's key (kid %s) among the published keys", token.getHeader().getKeyID()).isNotNull();
        assertThat(key).isInstanceOf(AsymmetricJWK.class);
        JWSVerifier verifier = new DefaultJWSVerifierFactory()
                .createJWSVerifier(token.getHeader(), ((AsymmetricJWK) key).toPublicKey());
        assertThat(token.verify(verifier)).as("signature of the ID token").isTrue();

        // The same signature over a changed payload must not verify (so the check above can fail).
        String changed = token.getPayload().toString().replace("\"aal", "\"aaX");
        SignedJWT forged = new SignedJWT(token.getHeader().toBase64URL(),
                Base64URL.encode(changed.getBytes(StandardCharsets.UTF_8)), token.getSignature());
        assertThat(forged.verify(verifier)).as("a forged payload").isFalse();
        return token.getJWTClaimsSet();
    }

    private static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return response.body();
        }
    }
}
