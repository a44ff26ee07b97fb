package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Keys sent to whatever has the focus, as a keyboard does: nothing is clicked and no element is
 * typed into directly, so a field Tab cannot reach cannot be filled either.
 */
final class KeyboardOnly {

    /** More Tabs than any of these pages has controls before its form. */
    private static final int MAX_TABS = 25;

    private final Browser browser;

    KeyboardOnly(Browser browser) {
        this.browser = Objects.requireNonNull(browser, "browser");
    }

    /** Presses Tab until {@code target} has the focus. */
    void tabTo(By target) {
        WebElement wanted = browser.find(target);
        for (int i = 0; i <= MAX_TABS; i++) {
            if (wanted.equals(browser.driver().switchTo().activeElement())) {
                return;
            }
            press(Keys.TAB);
        }
        throw new AssertionError(MAX_TABS + " Tabs never reached " + target + " on " + browser.path());
    }

    void assertFocusOn(By target) {
        assertThat(browser.driver().switchTo().activeElement()).as("focus after Tab on %s", browser.path())
                .isEqualTo(browser.find(target));
    }

    void type(String text) {
        new Actions(browser.driver()).sendKeys(text).perform();
    }

    void press(Keys key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }
}
