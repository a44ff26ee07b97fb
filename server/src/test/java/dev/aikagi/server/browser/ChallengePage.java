package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /login/challenge}: the code of the second step, for whichever method the login asks for. */
final class ChallengePage extends AikagiPage {

    static final By CODE = By.id("code");
    static final By SUBMIT = By.id("challenge-submit");
    static final By TRY_ANOTHER_WAY = By.id("try-another-way");

    ChallengePage(Browser browser, String step) {
        super(browser, SUBMIT, step);
        assertThat(browser.path()).startsWith("/login/challenge");
    }

    ChallengePage assertCodeFieldForOneTimeCodes() {
        assertOneTimeCodeField(CODE);
        return this;
    }

    WebElement submitButton() {
        return browser.find(SUBMIT);
    }

    LoginMethodsPage tryAnotherWay() {
        browser.clickAndWait(browser.find(TRY_ANOTHER_WAY));
        return new LoginMethodsPage(browser, "login-methods");
    }

    void enter(String code) {
        type(CODE, code);
    }

    /** A backup code that is right: signed in, and told how many codes are left. */
    BackupCodesLeftPage submitBackupCode(String code) {
        enter(code);
        browser.clickAndWait(submitButton());
        return new BackupCodesLeftPage(browser, "backup-codes-left");
    }

    /** An authenticator code that is right: signed in. */
    SettingsPage submitTotpCode(String code) {
        enter(code);
        browser.clickAndWait(submitButton());
        return new SettingsPage(browser, "signed-in");
    }

    static final By SEND_CODE = By.id("send-code");
    static final By HINT = By.id("code-hint");

    /** The hint under the field: for SMS it names the masked number. */
    String hint() {
        return browser.find(HINT).getText();
    }

    /** A texted code that is right: signed in. */
    SettingsPage submitSmsCode(String code) {
        enter(code);
        browser.clickAndWait(submitButton());
        return new SettingsPage(browser, "signed-in-sms");
    }

    /** A code the server refuses: the same page again, with the reason. */
    ChallengePage submitRefused(String code, String step) {
        enter(code);
        browser.clickAndWait(submitButton());
        ChallengePage again = new ChallengePage(browser, step);
        again.requiredError();
        return again;
    }

    static final By REMEMBER = By.id("remember-device");

    /** Issue 17: whether "Don't ask again on this browser" is offered. */
    boolean offersToRemember() {
        return browser.has(REMEMBER);
    }

    /** Issue 17: ticks "Don't ask again on this browser for 30 days"; its label's text. */
    String rememberThisBrowser() {
        WebElement box = browser.find(REMEMBER);
        if (!box.isSelected()) {
            box.click();
        }
        assertThat(box.isSelected()).isTrue();
        browser.screenshot("challenge-remember-ticked");
        return browser.find(By.cssSelector("label[for=remember-device]")).getText();
    }
}
