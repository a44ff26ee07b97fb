package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.role.Role;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.server.browser.TwoStepAccounts.Enrolled;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Pages no journey passes through, photographed (and so checked by axe-core against WCAG 2.2 AA) in both
 * languages: the page for an address that does not exist, the account center, the backup codes to print, the
 * administrator's pages for applications, the consent page a third-party application leads to, and the
 * support console's audit log.
 */
class OtherPagesAccessibilityTest extends BrowserTestSupport {

    @Test
    void otherPagesWhenInJapaneseOnAPhoneThenNoProblems() {
        visit(Screen.PHONE, Locale.JAPANESE);
    }

    @Test
    void otherPagesWhenInEnglishOnAComputerThenNoProblems() {
        visit(Screen.PC, Locale.ENGLISH);
    }

    private static void visit(Screen screen, Locale language) {
        Person person = TestPeople.person().named("other-pages").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        server.grant(person.username(), Role.ADMIN);
        server.grant(person.username(), Role.SUPPORT_AGENT);
        try (Browser browser = Browser.chromium().named("other-pages").screen(screen).language(language)
                .open(server.url(""))) {
            browser.open("/no-such-page");
            browser.screenshot("not-found-signed-out");

            // The next time step: the step that confirmed the app a moment ago cannot be used twice.
            LoginPage.open(browser).logIn(person).submitTotpCode(enrolled.totpCodeAt(Instant.now().plusSeconds(30)));
            browser.open("/settings/account-center");
            browser.screenshot("account-center");
            browser.open("/settings/account-center/security/two-factor/" + enrolled.account().value()
                    + "/backup-codes/print");
            if (browser.has(ReauthPage.PASSWORD)) {
                browser.screenshot("reauth");
                browser.type(ReauthPage.PASSWORD, person.password());
                browser.clickAndWait(ReauthPage.SUBMIT);
                browser.open("/settings/account-center/security/two-factor/" + enrolled.account().value()
                        + "/backup-codes/print");
            }
            browser.check(browser.has(By.id("backup-codes")), "the printable backup codes");
            browser.screenshot("backup-codes-print");
            browser.open("/no-such-page");
            browser.screenshot("not-found-signed-in");

            browser.open("/admin/applications");
            browser.screenshot("applications");
            browser.open("/admin/applications/new");
            browser.type(By.id("name"), "Shop");
            browser.type(By.id("redirect-uris"), "not an address");
            browser.clickAndWait(By.id("register-application"));
            browser.check(browser.has(By.id("form-error")), "the form refused with a message");
            browser.screenshot("application-refused");
            browser.type(By.id("redirect-uris"), "https://shop.example/callback");
            browser.clickAndWait(By.id("register-application"));
            String clientId = browser.text(By.id("created-client-id"));
            browser.screenshot("application-created");

            browser.open("/oauth2/authorize?response_type=code&client_id=" + clientId
                    + "&redirect_uri=https://shop.example/callback&scope=openid%20profile&state=s1"
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
            browser.check(browser.path().startsWith("/oauth2/consent"), "the consent page");
            browser.screenshot("consent");

            browser.open("/support/audit?username=" + person.username());
            browser.check(browser.path().startsWith("/support/audit"), "the audit log");
            browser.screenshot("audit-log");
            browser.open("/support/audit?from=yesterday");
            browser.screenshot("audit-log-refused");

            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
