package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * One action of the two-step page on its own short page (issue 17): what it does, the password labelled with
 * the action, confirm or cancel ({@code two-factor-confirm} and {@code two-factor-disable}).
 */
final class ConfirmStepPage extends AikagiPage {

    static final By HEADING = By.id("confirm-heading");
    static final By PASSWORD = By.id("confirm-password");
    static final By SUBMIT = By.id("confirm-submit");
    static final By CANCEL = By.id("confirm-cancel");

    ConfirmStepPage(Browser browser, String step) {
        super(browser, HEADING, step);
    }

    String heading() {
        return browser.text(HEADING);
    }

    String action() {
        return browser.find(By.id("main")).getAttribute("data-action");
    }

    /** The one password field, with a label naming the action. */
    String passwordLabel() {
        List<WebElement> passwords = browser.findAll(By.cssSelector("input[type=password]"));
        assertThat(passwords).as("password fields on %s", browser.path()).hasSize(1);
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.script(
                "return Array.from(arguments[0].labels || []).map(l => l.innerText.trim())", passwords.getFirst());
        assertThat(labels).hasSize(1);
        return labels.getFirst();
    }

    /** A wrong password: the same step again, with the reason. */
    ConfirmStepPage confirmRefused(String password, String step) {
        type(PASSWORD, password);
        browser.clickAndWait(browser.find(SUBMIT));
        ConfirmStepPage again = new ConfirmStepPage(browser, step);
        again.requiredError();
        return again;
    }

    TwoFactorMethodsPage confirm(String password, String step) {
        type(PASSWORD, password);
        browser.clickAndWait(browser.find(SUBMIT));
        return new TwoFactorMethodsPage(browser, step);
    }

    TwoFactorMethodsPage cancel() {
        browser.clickAndWait(browser.find(CANCEL));
        return new TwoFactorMethodsPage(browser, "two-factor-methods-cancelled");
    }
}
