package dev.aikagi.server.login;

import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import dev.aikagi.testkit.SoftwarePasskey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 2 on the pages: turning two-step verification on ends the other browsers' sessions and gives
 * this browser a new session cookie at AAL2; a session that proved only the password is sent to the step-up page
 * before any change, and comes back raised.
 */
class PageSecondFactorTest extends PageTestSupport {

    private static AccountId accountOf(String methodsPath) {
        return AccountId.parse(methodsPath.substring(methodsPath.lastIndexOf('/') + 1));
    }

    /** A browser holding a session at AAL1 on the account (one kept from before this release). */
    private static PageClient passwordOnlyBrowser(AccountId account) {
        String token = new SessionTokens(server.bean(SecretGenerator.class)).newToken();
        Instant now = server.bean(Clock.class).instant();
        server.bean(SessionRepository.class).create(new Session(UUID.randomUUID(), SessionTokens.hash(token), account,
                List.of("pwd"), AssuranceLevel.AAL1, now, now, now, Session.Kind.BROWSER));
        PageClient browser = PageJourneys.browser(server);
        browser.setCookie("aikagi_session", token);
        return browser;
    }

    private static String stepUpPath(String next) {
        return "/settings/step-up?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    @Test
    void enableTwoStepWhenAnotherBrowserSignedInWithPasswordThenThatSessionEndsAndThisOneGetsANewCookie() {
        PageClient here = PageJourneys.browser(server);
        PageJourneys.signUp(here, "sf-page-one");
        PageClient other = PageJourneys.browser(server);
        other.get("/login");
        other.follow(other.post("/login", "username", "sf-page-one", "password", PASSWORD));
        assertThat(other.get("/settings").status()).isEqualTo(200);
        String before = here.cookie("aikagi_session").orElseThrow().getValue();

        PageJourneys.enableTwoStep(here);

        assertThat(other.get("/settings").location()).as("the password-only session ended").endsWith("/login");
        String after = here.cookie("aikagi_session").orElseThrow().getValue();
        assertThat(after).isNotEqualTo(before);
        Session raised = server.bean(Sessions.class).find(after).orElseThrow();
        assertThat(raised.assurance()).isEqualTo(AssuranceLevel.AAL2);
        PageClient thief = PageJourneys.browser(server);
        thief.setCookie("aikagi_session", before);
        assertThat(thief.get("/settings").location()).as("the cookie from before the new factor").endsWith("/login");
        String methods = PageJourneys.methodsPath(here);
        here.get(methods + "/backup-codes");
        assertThat(PageJourneys.codes(here.post(methods + "/backup-codes/show", "password", PASSWORD))).hasSize(10);
    }

    @Test
    void changesWhenSessionProvedOnlyThePasswordThenSentToStepUpAndBackRaised() {
        PageClient owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, "sf-page-two");
        List<String> codes = PageJourneys.enableTwoStep(owner);
        String methods = PageJourneys.methodsPath(owner);
        PageClient weak = passwordOnlyBrowser(accountOf(methods));
        String codesPath = methods + "/backup-codes";

        weak.get(methods);
        assertThat(weak.post(methods + "/totp").location()).isEqualTo(stepUpPath(methods));
        weak.get(methods);
        assertThat(weak.post(methods + "/remove-method", "method", "totp", "password", PASSWORD).location())
                .isEqualTo(stepUpPath(methods));
        weak.get(methods);
        assertThat(weak.post(methods + "/disable", "password", PASSWORD, "method", "backup_code", "code", codes.get(1))
                .location()).isEqualTo(stepUpPath(methods));
        assertThat(weak.get(methods + "/phone").location()).isEqualTo(stepUpPath(methods + "/phone"));
        assertThat(weak.get(methods + "/email").location()).isEqualTo(stepUpPath(methods + "/email"));
        weak.get(codesPath);
        assertThat(weak.post(codesPath + "/show", "password", PASSWORD).location()).isEqualTo(stepUpPath(codesPath));
        weak.get(codesPath);
        assertThat(weak.post(codesPath + "/new", "password", PASSWORD).location()).isEqualTo(stepUpPath(codesPath));
        assertThat(weak.get(codesPath + "/download").location()).isEqualTo(stepUpPath(codesPath));
        assertThat(weak.get(codesPath + "/print").location()).isEqualTo(stepUpPath(codesPath));

        PageClient.Page stepUp = weak.get(stepUpPath(codesPath));
        assertThat(stepUp.status()).isEqualTo(200);
        assertThat(stepUp.has("step-up-code-totp")).isTrue();
        assertThat(stepUp.has("step-up-code-backup-code")).isTrue();
        assertThat(stepUp.has("step-up-sms")).isFalse();
        String before = weak.cookie("aikagi_session").orElseThrow().getValue();
        PageClient.Page wrong = weak.post("/settings/step-up", "method", "backup_code", "next", codesPath,
                "code", codes.contains("0000 0001") ? "0000 0002" : "0000 0001");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text("form-error")).isNotBlank();
        PageClient.Page raised = weak.post("/settings/step-up", "method", "backup_code", "next", codesPath,
                "code", codes.get(0));

        assertThat(raised.location()).isEqualTo(codesPath);
        String after = raised.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aikagi_session="))
                .map(c -> c.substring("aikagi_session=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(server.bean(Sessions.class).find(before)).as("the cookie from before the step").isEmpty();
        assertThat(server.bean(Sessions.class).find(after)).hasValueSatisfying(
                s -> assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL2));
        // (The test client keeps a cookie set by hand apart from the server's: replace it as a browser would.)
        weak.dropCookie("aikagi_session");
        weak.setCookie("aikagi_session", after);
        weak.get(codesPath);
        PageClient.Page shown = weak.post(codesPath + "/show", "password", PASSWORD);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(PageJourneys.codes(shown)).hasSize(10);
    }

    @Test
    void stepUpWhenNextIsAnotherSiteThenStaysOnSettings() {
        PageClient owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, "sf-page-three");
        List<String> codes = PageJourneys.enableTwoStep(owner);
        PageClient weak = passwordOnlyBrowser(accountOf(PageJourneys.methodsPath(owner)));

        weak.get(stepUpPath("https://evil.example/"));
        PageClient.Page raised = weak.post("/settings/step-up", "method", "backup_code", "next", "//evil.example/x",
                "code", codes.get(2));

        assertThat(raised.location()).isEqualTo(PageJourneys.TWO_FACTOR);
    }

    @Test
    void stepUpWhenPasskeyUsedOnItsPageThenRaisedAfterARefusedAnswer() {
        PageClient owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, "sf-page-passkey");
        String methods = PageJourneys.methodsPath(owner);
        SoftwarePasskey passkey = new SoftwarePasskey("http://localhost:8080", "localhost");
        PageClient.Page adding = owner.post(methods + "/passkeys", "name", "phone");
        assertThat(owner.post(methods + "/passkeys/confirm", "name", "phone", "credential",
                ApiClient.JSON.writeValueAsString(passkey.register(options(adding)))).status()).isEqualTo(200);
        PageClient weak = passwordOnlyBrowser(accountOf(methods));
        String codesPath = methods + "/backup-codes";

        PageClient.Page stepUp = weak.get(stepUpPath(codesPath));
        assertThat(stepUp.has("step-up-use-passkey")).isTrue();
        assertThat(stepUp.attribute("step-up-use-passkey", "href")).startsWith("/settings/step-up/passkey?next=")
                .endsWith("/backup-codes");
        PageClient.Page page = weak.get(stepUp.attribute("step-up-use-passkey", "href"));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(options(page).path("allowCredentials").get(0).path("id").asString()).isEqualTo(passkey.id());
        PageClient.Page refused = weak.post("/settings/step-up/passkey", "next", codesPath, "credential",
                ApiClient.JSON.writeValueAsString(passkey.origin("https://evil.example").login(options(page))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("form-error")).isNotBlank();
        PageClient.Page raised = weak.post("/settings/step-up/passkey", "next", codesPath, "credential",
                ApiClient.JSON.writeValueAsString(passkey.origin("http://localhost:8080").login(options(refused))));

        assertThat(raised.location()).isEqualTo(codesPath);
        String after = raised.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aikagi_session="))
                .map(c -> c.substring("aikagi_session=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        assertThat(server.bean(Sessions.class).find(after)).hasValueSatisfying(s -> {
            assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL2);
            assertThat(s.amr()).containsExactly("pwd", "hwk", "user");
        });
    }

    private static tools.jackson.databind.JsonNode options(PageClient.Page page) {
        return ApiClient.JSON.readTree(page.attribute("passkey-form", "data-passkey-options"));
    }
}
