package dev.aikagi.server.browser;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** {@code /security/not-me?token=…}: the page a notice's "This wasn't me" link opens. */
final class NotMePage extends AikagiPage {

    static final By SUBMIT = By.id("not-me-submit");
    static final By DONE = By.id("not-me-done");
    static final By INVALID = By.id("not-me-invalid");

    private NotMePage(Browser browser, By marker, String step) {
        super(browser, marker, step);
    }

    /** Opens the link from a notice; the page asks to confirm (mail scanners open links, people click buttons). */
    static NotMePage open(Browser browser, String link) {
        browser.driver().get(link);
        return new NotMePage(browser, SUBMIT, "not-me");
    }

    NotMePage confirm() {
        browser.clickAndWait(browser.find(SUBMIT));
        return new NotMePage(browser, By.cssSelector("#not-me-done, #not-me-invalid"), "not-me-reported");
    }

    boolean done() {
        return browser.has(DONE);
    }

    boolean invalid() {
        return browser.has(INVALID);
    }
}
