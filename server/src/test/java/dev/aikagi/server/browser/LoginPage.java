package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** {@code /login}: the password step. */
final class LoginPage extends AikagiPage {

    static final By USERNAME = By.id("username");
    static final By PASSWORD = By.id("password");
    static final By SUBMIT = By.id("login-submit");

    LoginPage(Browser browser, String step) {
        super(browser, SUBMIT, step);
        assertThat(browser.path()).startsWith("/login");
    }

    static LoginPage open(Browser browser) {
        browser.open("/login");
        return new LoginPage(browser, "login");
    }

    /** The password step of an account with two-step verification on: its default method is asked for next. */
    ChallengePage logIn(Person person) {
        fill(person);
        browser.clickAndWait(browser.find(SUBMIT));
        return new ChallengePage(browser, "challenge");
    }

    /**
     * As someone using only a keyboard: Tab to the username field, type, Tab to the password, type,
     * and Enter. Fails when Tab does not lead from one field to the next.
     */
    ChallengePage logInWithKeyboard(Person person) {
        KeyboardOnly keyboard = new KeyboardOnly(browser);
        keyboard.tabTo(USERNAME);
        keyboard.type(person.username());
        keyboard.press(Keys.TAB);
        keyboard.assertFocusOn(PASSWORD);
        keyboard.type(person.password());
        WebElement previous = browser.find(By.tagName("html"));
        keyboard.press(Keys.ENTER);
        browser.waitForNextPage(previous);
        return new ChallengePage(browser, "challenge-by-keyboard");
    }

    private void fill(Person person) {
        type(USERNAME, person.username());
        type(PASSWORD, person.password());
    }

    /** Issue 17: the password step on a browser the account trusts: straight to the signed-in pages. */
    SettingsPage logInOnTrustedBrowser(Person person) {
        fill(person);
        browser.clickAndWait(browser.find(SUBMIT));
        return new SettingsPage(browser, "signed-in-trusted");
    }
}
