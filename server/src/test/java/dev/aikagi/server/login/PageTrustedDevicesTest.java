package dev.aikagi.server.login;

import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.PageClient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 on the pages: "Don't ask again on this browser for 30 days" on the challenge after the app's code (never
 * a backup code), the trust cookie, the next login going straight to the session (amr pwd, swk at AAL2), another
 * account on the same browser still asked, and the security page's list with "remove" and "remove all".
 */
class PageTrustedDevicesTest extends PageTestSupport {

    private static final String SECURITY = "/settings/account-center/security";

    /** Signs up with the app on, logs out, and logs in again ticking the box: the app's key. */
    private static String rememberedBrowser(PageClient browser, String username) {
        PageJourneys.signUp(browser, username);
        String methods = PageJourneys.methodsPath(browser);
        browser.get(methods);
        String secret = browser.post(methods + "/totp").text("totp-secret");
        browser.post(methods + "/totp/confirm", "code", Authenticator.codeAt(secret, Instant.now()));
        browser.post(methods + "/backup-codes/saved", "saved", "yes");
        PageClient.Page challenge = PageJourneys.logOutAndStartLogin(browser, username);
        assertThat(challenge.has("remember-device")).as("offered after the app's code").isTrue();
        PageClient.Page in = browser.post("/login/challenge", "code",
                Authenticator.codeAt(secret, Instant.now().plusSeconds(30)), "remember", "yes");
        assertThat(in.location()).isEqualTo("/settings");
        String setCookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aikagi_trust="))
                .findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=2592000");
        return secret;
    }

    /** Logs out and in with the password only: where the password step sends the browser. */
    private static String passwordStep(PageClient browser, String username) {
        if (browser.cookie("aikagi_session").isPresent()) {
            browser.get("/settings");
            assertThat(browser.post("/logout").location()).isEqualTo("/login?logged-out");
        }
        browser.get("/login");
        return browser.post("/login", "username", username, "password", PASSWORD).location();
    }

    @Test
    void loginWhenBrowserRememberedThenStraightToTheSessionAtAal2WithSwk() {
        PageClient browser = PageJourneys.browser(server);
        rememberedBrowser(browser, "trust-page-one");

        assertThat(passwordStep(browser, "trust-page-one")).isEqualTo("/settings");

        Session session = server.bean(Sessions.class).find(browser.cookie("aikagi_session").orElseThrow().getValue())
                .orElseThrow();
        assertThat(session.amr()).containsExactly("pwd", "swk");
        assertThat(session.assurance()).isEqualTo(AssuranceLevel.AAL2);
        PageClient.Page security = browser.get(SECURITY);
        assertThat(security.has("trusted-devices")).isTrue();
        assertThat(security.body()).contains("198.51.").contains("/24").contains("class=\"badge\"");
        // A wrong password is still refused.
        browser.post("/logout");
        assertThat(browser.cookie("aikagi_session")).isEmpty();
        browser.get("/login");
        assertThat(browser.post("/login", "username", "trust-page-one", "password", "not the password").status())
                .isEqualTo(401);
    }

    @Test
    void loginWhenAnotherAccountOnTheRememberedBrowserThenSecondStepAsked() {
        PageClient browser = PageJourneys.browser(server);
        PageClient other = PageJourneys.browser(server);
        PageJourneys.signUp(other, "trust-page-two-b");
        PageJourneys.enableTwoStep(other);
        rememberedBrowser(browser, "trust-page-two");

        assertThat(passwordStep(browser, "trust-page-two-b")).isEqualTo("/login/challenge");
    }

    @Test
    void challengeWhenBackupCodeThenNoCheckboxAndNothingRemembered() {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, "trust-page-three");
        List<String> codes = PageJourneys.enableTwoStep(browser);
        PageJourneys.logOutAndStartLogin(browser, "trust-page-three");

        PageClient.Page backup = PageJourneys.chooseBackupCode(browser);
        assertThat(backup.has("remember-device")).isFalse();
        PageClient.Page in = browser.post("/login/challenge", "code", codes.get(0), "remember", "yes");

        assertThat(in.status()).isEqualTo(302);
        assertThat(in.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("aikagi_trust="));
        assertThat(browser.get(SECURITY).has("trusted-none")).isTrue();
    }

    @Test
    void securityPageWhenDeviceRemovedThenNextLoginAsksAgain() {
        PageClient browser = PageJourneys.browser(server);
        rememberedBrowser(browser, "trust-page-four");
        PageClient.Page security = browser.get(SECURITY);
        String action = dev.aikagi.testkit.Html.byClass(security.body(), "trusted-device").getFirst();
        String id = action.substring(action.indexOf("/devices/") + "/devices/".length(), action.indexOf("/remove"));

        PageClient.Page removed = browser.post(SECURITY + "/devices/" + id + "/remove");

        assertThat(removed.location()).isEqualTo(SECURITY + "?device-removed");
        assertThat(browser.follow(removed).has("trusted-none")).isTrue();
        assertThat(passwordStep(browser, "trust-page-four")).isEqualTo("/login/challenge");
    }

    @Test
    void securityPageWhenRemoveAllThenEveryTrustEnds() {
        PageClient browser = PageJourneys.browser(server);
        rememberedBrowser(browser, "trust-page-five");
        browser.get(SECURITY);

        PageClient.Page removed = browser.post(SECURITY + "/devices/remove-all");

        assertThat(removed.location()).isEqualTo(SECURITY + "?devices-removed");
        assertThat(browser.follow(removed).text("notice")).isNotBlank();
        assertThat(passwordStep(browser, "trust-page-five")).isEqualTo("/login/challenge");
    }

    /**
     * The trust cookie is the key: copied to another browser it works there too, but that browser is a device the
     * account has not seen, so the owner is told (the new-device notice); on the owner's own browser nobody is.
     */
    @Test
    void loginWhenTrustCookieCopiedToAnotherBrowserThenNewDeviceNoticedButNotOnTheOwnersBrowser() {
        PageClient owner = PageJourneys.browser(server);
        rememberedBrowser(owner, "trust-page-seven");
        AccountId account = server.bean(AccountRepository.class).findByUsername("trust-page-seven").orElseThrow().id();
        assertThat(passwordStep(owner, "trust-page-seven")).isEqualTo("/settings");
        long noticesBefore = newDeviceNotices(account);

        PageClient copy = PageJourneys.browser(server);
        copy.setCookie("aikagi_trust", owner.cookie("aikagi_trust").orElseThrow().getValue());

        assertThat(passwordStep(copy, "trust-page-seven")).isEqualTo("/settings");
        assertThat(newDeviceNotices(account)).isEqualTo(noticesBefore + 1);
    }

    private static long newDeviceNotices(AccountId account) {
        return server.bean(AuditLog.class).recent(account, 100).stream()
                .filter(e -> e.type() == AuditType.LOGIN_NEW_DEVICE).count();
    }

    @Test
    void challengeWhenJapaneseThenTheOfferInJapanese() {
        PageClient browser = PageJourneys.browser(server).acceptLanguage("ja");
        PageJourneys.signUp(browser, "trust-page-six");
        PageJourneys.enableTwoStep(browser);

        PageClient.Page challenge = PageJourneys.logOutAndStartLogin(browser, "trust-page-six");

        assertThat(challenge.body()).contains("このブラウザでは30日間、確認コードを求めない");
    }
}
