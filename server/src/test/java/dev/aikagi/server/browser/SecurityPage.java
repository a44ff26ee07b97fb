package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /settings/account-center/security}: sessions, trusted devices (issue 17) and recent activity. */
final class SecurityPage extends AikagiPage {

    static final String PATH = "/settings/account-center/security";
    static final By TRUSTED = By.cssSelector("#trusted-devices li.trusted-device");
    static final By NONE = By.id("trusted-none");
    static final By REMOVE = By.cssSelector("button.remove-trusted-device");

    SecurityPage(Browser browser, String step) {
        super(browser, By.id("trusted-heading"), step);
        assertThat(browser.path()).startsWith(PATH);
    }

    static SecurityPage open(Browser browser) {
        browser.open(PATH);
        return new SecurityPage(browser, "security");
    }

    /** The trusted devices as listed, one text per row. */
    List<String> trustedDevices() {
        return browser.findAll(TRUSTED).stream().map(WebElement::getText).toList();
    }

    boolean noTrustedDevices() {
        return browser.has(NONE);
    }

    /** Removes the first trusted device: the page again, with the notice. */
    SecurityPage removeFirst() {
        browser.clickAndWait(browser.findAll(REMOVE).getFirst());
        return new SecurityPage(browser, "security-device-removed");
    }
}
