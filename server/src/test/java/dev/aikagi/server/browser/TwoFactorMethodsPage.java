package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.server.browser.TestPeople.Person;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** {@code /settings/account-center/security/two-factor/{accountId}}: the account's second-step methods. */
final class TwoFactorMethodsPage extends AikagiPage {

    static final By STATUS = By.id("two-step-status");
    static final By ENABLE_TOTP = By.id("enable-totp");
    static final By BACKUP_CODES = By.id("backup-codes-link");

    TwoFactorMethodsPage(Browser browser, String step) {
        super(browser, STATUS, step);
        assertThat(browser.path()).startsWith(AccountChoicePage.PATH + "/");
    }

    AccountId accountId() {
        String rest = browser.path().substring(AccountChoicePage.PATH.length() + 1);
        int end = rest.indexOf('?') < 0 ? rest.length() : rest.indexOf('?');
        return AccountId.parse(rest.substring(0, end));
    }

    String status() {
        return browser.find(STATUS).getText();
    }

    /** Two-step verification is on when the page offers the backup codes, off when it offers to turn it on. */
    boolean twoStepOn() {
        return browser.has(BACKUP_CODES) && !browser.has(ENABLE_TOTP);
    }

    /** Starts adding the authenticator app; enters the password first when the page asks for it again. */
    TotpSetupPage enableTotp(Person person) {
        browser.clickAndWait(browser.find(ENABLE_TOTP));
        browser.until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(TotpSetupPage.CONFIRM),
                ExpectedConditions.presenceOfElementLocated(ReauthPage.PASSWORD)));
        if (browser.has(ReauthPage.PASSWORD)) {
            new ReauthPage(browser, "reauth").confirm(person.password());
            browser.clickAndWait(browser.find(ENABLE_TOTP));
        }
        return new TotpSetupPage(browser, "totp-setup");
    }

    BackupCodesPage backupCodes() {
        browser.clickAndWait(browser.find(BACKUP_CODES));
        return new BackupCodesPage(browser, "backup-codes");
    }
}
