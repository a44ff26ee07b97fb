package dev.aikagi.server.browser;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** The password asked for again before a sensitive change; goes back to where it was asked. */
final class ReauthPage extends AikagiPage {

    static final By PASSWORD = By.id("reauth-password");
    static final By SUBMIT = By.id("reauth-submit");

    ReauthPage(Browser browser, String step) {
        super(browser, PASSWORD, step);
    }

    TwoFactorMethodsPage confirm(String password) {
        type(PASSWORD, password);
        browser.clickAndWait(browser.find(SUBMIT));
        return new TwoFactorMethodsPage(browser, "two-factor-methods-reauthenticated");
    }
}
