package dev.aikagi.server.browser;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** The code texted to the new number, typed to bind it. */
final class PhoneConfirmPage extends AikagiPage {

    static final By DESTINATION = By.id("phone-destination");
    static final By CODE = By.id("code");
    static final By CONFIRM = By.id("phone-confirm");

    PhoneConfirmPage(Browser browser, String step) {
        super(browser, CONFIRM, step);
    }

    String destination() {
        return browser.find(DESTINATION).getText();
    }

    PhoneConfirmPage assertCodeFieldForOneTimeCodes() {
        assertOneTimeCodeField(CODE);
        return this;
    }

    /** The first method of an account: two-step verification turns on and the first backup codes are shown. */
    ShownBackupCodesPage confirmFirstMethod(String code) {
        type(CODE, code);
        browser.clickAndWait(browser.find(CONFIRM));
        return new ShownBackupCodesPage(browser, "phone-confirmed-codes");
    }

    PhoneConfirmPage confirmRefused(String code, String step) {
        type(CODE, code);
        browser.clickAndWait(browser.find(CONFIRM));
        PhoneConfirmPage again = new PhoneConfirmPage(browser, step);
        again.requiredError();
        return again;
    }
}
