package dev.aikagi.server.browser;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** {@code …/two-factor/{id}/email}: the address security notices go to, verified with a code. */
final class EmailPage extends AikagiPage {

    static final By EMAIL = By.id("email");
    static final By SEND = By.id("email-send");
    static final By CODE = By.id("code");
    static final By CONFIRM = By.id("email-confirm");

    EmailPage(Browser browser, String step) {
        super(browser, SEND, step);
    }

    /** Sends a code to the address; the page that asks for it follows. */
    Confirm send(String address) {
        type(EMAIL, address);
        browser.clickAndWait(browser.find(SEND));
        return new Confirm(browser, "email-confirm");
    }

    static final class Confirm extends AikagiPage {
        Confirm(Browser browser, String step) {
            super(browser, CONFIRM, step);
        }

        TwoFactorMethodsPage confirm(String code) {
            type(CODE, code);
            browser.clickAndWait(browser.find(CONFIRM));
            return new TwoFactorMethodsPage(browser, "email-verified");
        }
    }
}
