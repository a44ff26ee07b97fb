package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
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

    /** Two-step verification is on when the status says so and the page offers the backup codes. */
    boolean twoStepOn() {
        return "on".equals(browser.find(STATUS).getAttribute("data-state")) && browser.has(BACKUP_CODES);
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

    static final By ADD_PHONE = By.id("add-phone");
    static final By SMS_WHY = By.id("sms-why");
    static final By SMS_STATUS = By.id("sms-status");
    static final By EMAIL_LINK = By.id("email-link");
    static final By EMAIL_STATUS = By.id("email-status");

    /** Starts adding (or changing) the phone number; enters the password first when the page asks for it. */
    PhoneAddPage addPhone(Person person) {
        browser.clickAndWait(browser.find(ADD_PHONE));
        browser.until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(PhoneAddPage.SEND),
                ExpectedConditions.presenceOfElementLocated(ReauthPage.PASSWORD)));
        if (browser.has(ReauthPage.PASSWORD)) {
            new ReauthPage(browser, "reauth-phone").confirm(person.password());
            browser.clickAndWait(browser.find(ADD_PHONE));
        }
        return new PhoneAddPage(browser, "phone-add");
    }

    EmailPage email() {
        browser.clickAndWait(browser.find(EMAIL_LINK));
        return new EmailPage(browser, "email");
    }

    String text(By by) {
        return browser.find(by).getText();
    }

    BackupCodesPage backupCodes() {
        browser.clickAndWait(browser.find(BACKUP_CODES));
        return new BackupCodesPage(browser, "backup-codes");
    }
}
