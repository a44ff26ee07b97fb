package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What every page has: one {@code h1}, the language links {@code a#lang-en} and {@code a#lang-ja},
 * errors in {@code p#form-error}, and, when signed in, {@code form#logout-form}. A page object is
 * made once its page is shown; making it checks that it is the page expected and photographs it.
 */
abstract class AikagiPage {

    static final By FORM_ERROR = By.id("form-error");
    static final By LOGOUT = By.cssSelector("form#logout-form button#logout");

    protected final Browser browser;

    /**
     * @param marker an element only this page has
     * @param step the screenshot's name
     */
    protected AikagiPage(Browser browser, By marker, String step) {
        this.browser = Objects.requireNonNull(browser, "browser");
        browser.until(ExpectedConditions.presenceOfElementLocated(marker));
        browser.screenshot(step);
        // One round trip instead of one per element: the suite does this on every page.
        @SuppressWarnings("unchecked")
        List<Object> contract = (List<Object>) browser.script("""
                return [document.querySelectorAll('h1').length,
                        document.querySelector('a#lang-en') !== null && document.querySelector('a#lang-ja') !== null];""");
        assertThat(((Number) contract.get(0)).intValue()).as("h1 elements on %s", step).isEqualTo(1);
        assertThat(contract.get(1)).as("a#lang-en and a#lang-ja on %s", step).isEqualTo(true);
    }

    Optional<String> formError() {
        List<WebElement> errors = browser.findAll(FORM_ERROR);
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.getFirst().getText());
    }

    /** The error shown, failing when there is none. */
    String requiredError() {
        return formError().orElseThrow(() -> new AssertionError("no p#form-error on " + browser.path()));
    }

    boolean signedIn() {
        return browser.has(LOGOUT);
    }

    LoginPage logout() {
        browser.clickAndWait(browser.find(LOGOUT));
        return new LoginPage(browser, "logged-out");
    }

    /**
     * A field for a one-time code, as phones and password managers need it: the one-time-code
     * autofill hint, the number keypad, and a label with text for screen readers. A field for backup codes only
     * (a backup code as its example) has no autofill hint: phones would offer the latest text message there
     * (issue 17).
     */
    protected void assertOneTimeCodeField(By field) {
        WebElement input = browser.find(field);
        String where = field + " on " + browser.path();
        String autocomplete = "1234 5678".equals(input.getAttribute("placeholder")) ? "off" : "one-time-code";
        assertThat(input.getAttribute("autocomplete")).as("autocomplete of %s", where).isEqualTo(autocomplete);
        assertThat(input.getAttribute("inputmode")).as("inputmode of %s", where).isEqualTo("numeric");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.script(
                "return Array.from(arguments[0].labels || []).map(l => l.innerText.trim()).filter(t => t.length > 0)",
                input);
        assertThat(labels).as("<label> with text for %s", where).isNotEmpty();
    }

    /**
     * Changes what the form around {@code inside} sends, as someone editing the page in the browser's
     * developer tools would: sets the field {@code name} to {@code value}, adding a hidden one when
     * the form has none. A button of that name gets the value too.
     */
    void tamper(By inside, String name, String value) {
        browser.script("""
                const form = arguments[0].form || arguments[0].closest('form');
                let fields = Array.from(form.elements).filter(e => e.name === arguments[1]);
                if (fields.length === 0) {
                    const hidden = document.createElement('input');
                    hidden.type = 'hidden';
                    hidden.name = arguments[1];
                    form.appendChild(hidden);
                    fields = [hidden];
                }
                fields.forEach(f => f.value = arguments[2]);""", browser.find(inside), name, value);
    }

    protected void type(By field, String text) {
        WebElement input = browser.find(field);
        input.clear();
        input.sendKeys(text);
    }
}
