package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.server.browser.TwoStepAccounts.Enrolled;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The login pages beyond the main journey: the keyboard alone, forms edited in the browser, and the
 * last backup codes.
 */
class LoginPagesTest extends BrowserTestSupport {

    @Test
    void loginWhenOnlyTabAndEnterUsedThenSignedIn() {
        // Plain ASCII: key events stand for key presses, and there is no IME to compose kana with.
        Person person = TestPeople.person().named("keyboard").password("correct horse battery staple").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        try (Browser browser = Browser.chromium().named("keyboard-login").screen(Screen.PC)
                .language(Locale.ENGLISH).open(server.url(""))) {
            ChallengePage challenge = LoginPage.open(browser).logInWithKeyboard(person);
            challenge.assertCodeFieldForOneTimeCodes();

            KeyboardOnly keyboard = new KeyboardOnly(browser);
            keyboard.tabTo(ChallengePage.CODE);
            // The next time step: the step that confirmed the app a moment ago cannot be used twice.
            keyboard.type(enrolled.totpCodeAt(Instant.now().plusSeconds(30)));
            WebElement previous = browser.find(By.tagName("html"));
            keyboard.press(Keys.ENTER);
            browser.waitForNextPage(previous);
            SettingsPage signedIn = new SettingsPage(browser, "signed-in-by-keyboard");

            assertThat(signedIn.signedIn()).isTrue();
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void loginWhenHiddenFieldsTamperedThenServerKeepsItsOwnChoices() {
        Person person = TestPeople.person().named("tamper").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        try (Browser browser = Browser.chromium().named("tampered-forms").screen(Screen.PHONE)
                .language(Locale.ENGLISH).open(server.url(""))) {
            // Where to go after the login: only the one known value is followed, never an address.
            LoginPage login = LoginPage.open(browser);
            login.tamper(LoginPage.SUBMIT, "then", "https://evil.example/steal");
            ChallengePage totp = login.logIn(person);
            assertThat(browser.path()).doesNotContain("evil");

            // The method checked is the login's own (the authenticator app), whatever the form says.
            totp.tamper(ChallengePage.SUBMIT, "method", "backup_code");
            ChallengePage refused = totp.submitRefused(enrolled.backupCodes().getFirst().replace(" ", ""),
                    "challenge-method-forged");
            assertThat(refused.requiredError()).as("refused as an authenticator code").isEqualTo(
                    server.message("error.code_malformed.totp", Locale.ENGLISH, TotpParameters.DEFAULT.digits()));

            // A method the account does not have, chosen by editing the button.
            LoginMethodsPage methods = refused.tryAnotherWay();
            methods.tamper(LoginMethodsPage.BACKUP_CODE, "method", "password");
            methods = methods.chooseRefused("login-methods-password-forged");
            assertThat(methods.requiredError()).isEqualTo(server.message(
                    PageMessages.loginFailure(LoginFailure.METHOD_NOT_AVAILABLE), Locale.ENGLISH));

            // A forged CSRF token: the form is not taken at all.
            methods.tamper(LoginMethodsPage.BACKUP_CODE, "_csrf", "forged");
            FormRejectedPage rejected = methods.chooseForged();
            assertThat(rejected.requiredError()).isEqualTo(server.message("error.page.forbidden", Locale.ENGLISH));
            assertThat(rejected.signedIn()).isFalse();

            // The login itself still works, and ends on this site.
            SettingsPage signedIn = LoginMethodsPage.open(browser).chooseTotp()
                    .submitTotpCode(enrolled.totpCodeAt(Instant.now().plusSeconds(30)));
            assertThat(URI.create(browser.driver().getCurrentUrl()).getHost()).isEqualTo("127.0.0.1");
            assertThat(signedIn.signedIn()).isTrue();

            List<AuditEvent> events = server.auditEvents(enrolled.account());
            assertThat(events).filteredOn(e -> e.type() == AuditType.LOGIN_SECOND_FACTOR_FAILED)
                    .extracting(e -> e.details().get("method")).containsExactly("otp");
            // The account was made outside this browser: its first login here is from a new device.
            assertThat(events).extracting(AuditEvent::type).doesNotContain(AuditType.BACKUP_CODE_USED)
                    .endsWith(AuditType.LOGIN_SUCCEEDED, AuditType.LOGIN_NEW_DEVICE);
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @Test
    void backupCodeLoginWhenOneCodeLeftThenNewCodesOffered() {
        Person person = TestPeople.person().named("last-codes").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        List<String> codes = enrolled.backupCodes();
        TwoStepAccounts.useBackupCodes(server, person, codes.subList(0, codes.size() - 2));
        try (Browser browser = Browser.chromium().named("last-backup-codes").screen(Screen.PHONE)
                .language(Locale.JAPANESE).open(server.url(""))) {
            BackupCodesLeftPage left = LoginPage.open(browser).logIn(person).tryAnotherWay().chooseBackupCode()
                    .submitBackupCode(codes.get(codes.size() - 2));

            assertThat(left.remaining()).isEqualTo(1);
            assertThat(left.offersNewCodes()).as("a#get-new-codes with one code left").isTrue();
            BackupCodesPage backupCodes = left.getNewCodes();
            assertThat(backupCodes.remaining()).isEqualTo(1);
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
