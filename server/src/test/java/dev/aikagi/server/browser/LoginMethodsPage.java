package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** {@code /login/methods}: "try another way", one button per second-step method of the account. */
final class LoginMethodsPage extends AikagiPage {

    static final By TOTP = By.id("method-totp");
    static final By BACKUP_CODE = By.id("method-backup_code");

    LoginMethodsPage(Browser browser, String step) {
        super(browser, BACKUP_CODE, step);
        assertThat(browser.path()).startsWith("/login/methods");
    }

    ChallengePage chooseBackupCode() {
        browser.clickAndWait(browser.find(BACKUP_CODE));
        return new ChallengePage(browser, "challenge-backup-code");
    }

    /** Sends the form of the backup-code button as it now is (see {@link #tamper}); the server refuses it. */
    LoginMethodsPage chooseRefused(String step) {
        browser.clickAndWait(browser.find(BACKUP_CODE));
        LoginMethodsPage again = new LoginMethodsPage(browser, step);
        again.requiredError();
        return again;
    }

    /** Sends the form of the backup-code button as it now is, expecting the "form could not be sent" page. */
    FormRejectedPage chooseForged() {
        browser.clickAndWait(browser.find(BACKUP_CODE));
        return new FormRejectedPage(browser, "form-rejected");
    }

    static LoginMethodsPage open(Browser browser) {
        browser.open("/login/methods");
        return new LoginMethodsPage(browser, "login-methods");
    }

    ChallengePage chooseTotp() {
        browser.clickAndWait(browser.find(TOTP));
        return new ChallengePage(browser, "challenge-totp");
    }
}
