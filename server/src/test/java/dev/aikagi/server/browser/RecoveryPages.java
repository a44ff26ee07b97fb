package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The account recovery pages under {@code /recovery} (journey 7), one page object each. */
final class RecoveryPages {

    private RecoveryPages() {
    }

    /** {@code /recovery}: the username. */
    static final class Start extends AikagiPage {

        static final By USERNAME = By.id("username");
        static final By SUBMIT = By.id("recovery-start");

        Start(Browser browser, String step) {
            super(browser, SUBMIT, step);
            assertThat(browser.path()).startsWith("/recovery");
        }

        /** "Forgot password?" on the login page. */
        static Start fromLogin(LoginPage login, Browser browser) {
            browser.clickAndWait(browser.find(By.id("forgot-password")));
            return new Start(browser, "recovery-start");
        }

        String typedUsername() {
            return browser.find(USERNAME).getAttribute("value");
        }

        Proofs start(String username) {
            type(USERNAME, username);
            browser.clickAndWait(browser.find(SUBMIT));
            return new Proofs(browser, "recovery-proofs");
        }
    }

    /** {@code /recovery/proofs}: "Email me a code", "Text me a code", "I know my password". */
    static final class Proofs extends AikagiPage {

        static final By SEND_EMAIL = By.id("send-email");
        static final By SEND_SMS = By.id("send-sms");
        static final By EMAIL_CODE = By.id("email-code");
        static final By SMS_CODE = By.id("sms-code");
        static final By PASSWORD = By.id("recovery-password");
        static final By NOTICE = By.id("notice");

        Proofs(Browser browser, String step) {
            super(browser, SEND_SMS, step);
            // A refused proof is shown in the answer to its form.
            assertThat(browser.path()).matches("/recovery/(proofs|verify|send).*");
        }

        Proofs sendEmail() {
            browser.clickAndWait(browser.find(SEND_EMAIL));
            Proofs sent = new Proofs(browser, "recovery-email-sent");
            sent.assertOneTimeCodeField(EMAIL_CODE);
            return sent;
        }

        Proofs sendSms() {
            browser.clickAndWait(browser.find(SEND_SMS));
            Proofs sent = new Proofs(browser, "recovery-sms-sent");
            sent.assertOneTimeCodeField(SMS_CODE);
            return sent;
        }

        String notice() {
            return browser.find(NOTICE).getText();
        }

        /** A right code, when one more proof is needed: this page again, saying so. */
        Proofs emailCode(String code) {
            type(EMAIL_CODE, code);
            browser.clickAndWait(browser.find(By.id("verify-email")));
            return new Proofs(browser, "recovery-email-accepted");
        }

        /** The second proof, a texted code: the waiting page (or, with no waiting period, ready at once). */
        Waiting smsCodeCompleting(String code) {
            type(SMS_CODE, code);
            browser.clickAndWait(browser.find(By.id("verify-sms")));
            return new Waiting(browser, "recovery-waiting");
        }

        Proofs smsCode(String code) {
            type(SMS_CODE, code);
            browser.clickAndWait(browser.find(By.id("verify-sms")));
            return new Proofs(browser, "recovery-sms-accepted");
        }

        Proofs smsCodeRefused(String code) {
            type(SMS_CODE, code);
            browser.clickAndWait(browser.find(By.id("verify-sms")));
            Proofs again = new Proofs(browser, "recovery-sms-refused");
            again.requiredError();
            return again;
        }

        Waiting passwordCompleting(String password) {
            type(PASSWORD, password);
            browser.clickAndWait(browser.find(By.id("verify-password")));
            return new Waiting(browser, "recovery-waiting");
        }
    }

    /** {@code /recovery/waiting}: until when, or, once the wait is over, "Continue". */
    static final class Waiting extends AikagiPage {

        static final By UNTIL = By.id("waiting-until");
        static final By TOLD = By.id("waiting-told");
        static final By CONTINUE = By.id("recovery-continue");

        Waiting(Browser browser, String step) {
            super(browser, By.cssSelector("#waiting-until, #recovery-continue"), step);
            assertThat(browser.path()).startsWith("/recovery/waiting");
        }

        boolean ready() {
            return browser.has(CONTINUE);
        }

        String until() {
            return browser.find(UNTIL).getText();
        }

        String untilIso() {
            return browser.find(UNTIL).findElement(By.tagName("time")).getAttribute("datetime");
        }

        String told() {
            return browser.find(TOLD).getText();
        }

        /** "Check again" while waiting; by then the recovery may have been cancelled. */
        Ended checkAgainEnded() {
            browser.clickAndWait(browser.find(By.id("check-again")));
            return new Ended(browser, "recovery-ended");
        }

        Codes continueToCodes() {
            browser.clickAndWait(browser.find(CONTINUE));
            return new Codes(browser, "recovery-codes");
        }
    }

    /** The new backup codes, shown right after the recovery completed. */
    static final class Codes extends AikagiPage {

        static final By CODE = By.cssSelector("#backup-codes li.backup-code");
        static final Pattern SHOWN_CODE = Pattern.compile("\\d{4} \\d{4}");

        Codes(Browser browser, String step) {
            super(browser, By.id("codes-saved-submit"), step);
        }

        List<String> codes() {
            return browser.findAll(CODE).stream().map(Codes::code).toList();
        }

        void assertWaysToKeepThem() {
            for (By way : List.of(By.id("download-codes"), By.id("print-page"), By.id("copy-codes"))) {
                assertThat(browser.find(way).isDisplayed()).as("%s shown", way).isTrue();
            }
            assertThat(browser.find(By.id("storage-advice")).getText()).isNotBlank();
        }

        NewPassword saved() {
            WebElement saved = browser.find(By.id("codes-saved"));
            if (!saved.isSelected()) {
                saved.click();
            }
            browser.clickAndWait(browser.find(By.id("codes-saved-submit")));
            return new NewPassword(browser, "recovery-password");
        }

        private static String code(WebElement li) {
            Matcher code = SHOWN_CODE.matcher(li.getText());
            assertThat(code.find()).as("a '1234 5678' code in '%s'", li.getText()).isTrue();
            return code.group();
        }
    }

    /** {@code /recovery/password}: the new password. */
    static final class NewPassword extends AikagiPage {

        static final By PASSWORD = By.id("new-password");
        static final By SUBMIT = By.id("recovery-password-submit");

        NewPassword(Browser browser, String step) {
            super(browser, SUBMIT, step);
            assertThat(browser.path()).startsWith("/recovery/password");
        }

        NewPassword setRefused(String password) {
            type(PASSWORD, password);
            browser.clickAndWait(browser.find(SUBMIT));
            NewPassword again = new NewPassword(browser, "recovery-password-refused");
            again.requiredError();
            return again;
        }

        Done set(String password) {
            type(PASSWORD, password);
            browser.clickAndWait(browser.find(SUBMIT));
            return new Done(browser, "recovery-done");
        }
    }

    /** {@code /recovery/done}: log in with the new password. */
    static final class Done extends AikagiPage {

        static final By LOGIN = By.id("recovery-login");

        Done(Browser browser, String step) {
            super(browser, LOGIN, step);
            assertThat(browser.path()).startsWith("/recovery/done");
        }

        String notice() {
            return browser.find(By.id("notice")).getText();
        }

        LoginPage logIn() {
            browser.clickAndWait(browser.find(LOGIN));
            return new LoginPage(browser, "login-after-recovery");
        }
    }

    /** A recovery that was cancelled, expired or completed. */
    static final class Ended extends AikagiPage {

        Ended(Browser browser, String step) {
            super(browser, By.id("recovery-start-again"), step);
        }

        String reason() {
            return requiredError();
        }
    }
}
