package dev.aikagi.server.browser;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** {@code …/two-factor/{id}/phone}: type a phone number to receive a verification code. */
final class PhoneAddPage extends AikagiPage {

    static final By NUMBER = By.id("phone-number");
    static final By SEND = By.id("phone-send");

    PhoneAddPage(Browser browser, String step) {
        super(browser, SEND, step);
    }

    PhoneConfirmPage send(String typed) {
        type(NUMBER, typed);
        browser.clickAndWait(browser.find(SEND));
        return new PhoneConfirmPage(browser, "phone-confirm");
    }

    /** A number the server refuses: the same form, with the reason. */
    PhoneAddPage sendRefused(String typed, String step) {
        type(NUMBER, typed);
        browser.clickAndWait(browser.find(SEND));
        PhoneAddPage again = new PhoneAddPage(browser, step);
        again.requiredError();
        return again;
    }
}
