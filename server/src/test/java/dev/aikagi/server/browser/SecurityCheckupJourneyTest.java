package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.server.browser.TwoStepAccounts.Enrolled;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 in Chromium: the security checkup page, ending a session and "log out everywhere else", changing the
 * password on its page, and deleting the account and keeping it (also from the page a login shows while the
 * deletion is pending) — at 390 px in Japanese and 1280 px in English, with a screenshot of each new page and no
 * axe-core violation.
 */
class SecurityCheckupJourneyTest extends BrowserTestSupport {

    private static String apiLogin(Person person) {
        ApiClient api = new ApiClient(URI.create(server.url("")));
        return ApiClient.expect(api.post("/api/v1/login",
                Map.of("username", person.username(), "password", person.password()), null), 200, "login")
                .text("flowId");
    }

    @Test
    void checkupAndPasswordWhenOnAPhoneInJapaneseThenItemsShownAndPasswordChanged() {
        Person person = TestPeople.person().named("checkup-ja").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        try (Browser browser = Browser.chromium().named("checkup-ja-phone").screen(Screen.PHONE)
                .language(Locale.JAPANESE).open(server.url(""))) {
            LoginPage.open(browser).logIn(person).submitTotpCode(enrolled.totpCodeAt(Instant.now().plusSeconds(30)));

            CheckupPages.Checkup checkup = CheckupPages.Checkup.open(browser, "checkup-ja");
            assertThat(checkup.state()).isEqualTo("needs_attention");
            assertThat(checkup.state("two_step")).isEqualTo("good");
            assertThat(checkup.state("backup_codes")).isEqualTo("good");
            assertThat(checkup.state("recovery_phone")).isEqualTo("needs_attention");
            assertThat(checkup.fix("recovery_phone")).endsWith("/phone");

            CheckupPages.Security security = CheckupPages.Security.open(browser, "security-ja");
            CheckupPages.Password password = security.changePassword("password-ja");
            password = password.changeRefused("まちがい", "あたらしいながいあいことば", "password-ja-wrong");
            assertThat(password.requiredError()).isNotEmpty();
            assertThat(password.currentInvalid()).isEqualTo("true");
            CheckupPages.Security changed = password.change(person.password(), "あたらしいながいあいことばです", "password-ja-changed");
            assertThat(changed.notice()).isEqualTo(server.message("security.notice.password_changed", Locale.JAPANESE));
            assertThat(server.auditEvents(enrolled.account())).extracting(AuditEvent::type)
                    .contains(AuditType.PASSWORD_CHANGED);
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void sessionsAndDeletionWhenOnAComputerInEnglishThenEndedScheduledAndKept() {
        Person person = TestPeople.person().named("sessions-en").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        try (Browser browser = Browser.chromium().named("sessions-en-pc").screen(Screen.PC)
                .language(Locale.ENGLISH).open(server.url(""))) {
            // A backup code here, so that the authenticator's next code is left for the login after the deletion.
            LoginPage.open(browser).logIn(person).tryAnotherWay().chooseBackupCode()
                    .submitBackupCode(enrolled.backupCodes().get(2));
            // Two more sessions elsewhere: logins through the API, finished with backup codes.
            ApiClient api = new ApiClient(URI.create(server.url("")));
            for (String code : enrolled.backupCodes().subList(0, 2)) {
                ApiClient.Reply in = api.post("/api/v1/login/" + apiLogin(person) + "/verify",
                        Map.of("method", "backup_code", "code", code), null);
                assertThat(in.text("status")).isEqualTo("AUTHENTICATED");
            }

            CheckupPages.Security security = CheckupPages.Security.open(browser, "security-sessions-en");
            assertThat(security.endButtons()).hasSize(2);
            security = security.endFirstOther("security-session-ended-en");
            assertThat(security.notice()).isEqualTo(server.message("security.notice.session_ended", Locale.ENGLISH));
            assertThat(security.endButtons()).hasSize(1);
            security = security.endOthers("security-others-ended-en");
            assertThat(security.endButtons()).isEmpty();

            CheckupPages.Checkup checkup = CheckupPages.Checkup.open(browser, "checkup-en");
            assertThat(checkup.state("sessions")).isEqualTo("good");
            assertThat(checkup.state("recent_events")).as("backup codes were used").isEqualTo("needs_attention");

            CheckupPages.Delete delete = CheckupPages.Security.open(browser, "security-en").deleteAccount("delete-en");
            assertThat(delete.state()).isEqualTo("none");
            delete = delete.schedule(person.password(), "delete-scheduled-en");
            assertThat(delete.state()).isEqualTo("pending");

            // Logging in again while the deletion is pending shows it, with the button that keeps the account.
            delete.logout();
            LoginPage.open(browser).logIn(person).submitTotpCode(enrolled.totpCodeAt(Instant.now().plusSeconds(30)));
            assertThat(browser.path()).startsWith("/settings/deletion-pending");
            CheckupPages.Delete pending = new CheckupPages.Delete(browser, "deletion-pending-en");
            pending.keep();
            SettingsPage home = new SettingsPage(browser, "deletion-kept-en");
            assertThat(home.signedIn()).isTrue();
            assertThat(browser.has(org.openqa.selenium.By.id("deletion-pending"))).isFalse();
            // The notice's cancel link asks first (mail scanners open links); a link that is not one of ours fails.
            browser.open("/account/deletion/cancel?token=not-a-token-we-sent");
            CheckupPages.CancelLink link = new CheckupPages.CancelLink(browser, CheckupPages.CancelLink.SUBMIT,
                    "deletion-cancel-en");
            link = link.confirm();
            assertThat(link.invalid()).isTrue();
            assertThat(server.auditEvents(enrolled.account())).extracting(AuditEvent::type)
                    .contains(AuditType.SESSION_ENDED, AuditType.SESSIONS_ENDED, AuditType.ACCOUNT_DELETION_SCHEDULED,
                            AuditType.ACCOUNT_DELETION_CANCELLED);
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
