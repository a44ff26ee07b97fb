package dev.aikagi.server.browser;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** The error page of a form the server would not take (a missing or forged CSRF token: 403). */
final class FormRejectedPage extends AikagiPage {

    static final By HOME = By.id("home-link");

    FormRejectedPage(Browser browser, String step) {
        super(browser, HOME, step);
    }
}
