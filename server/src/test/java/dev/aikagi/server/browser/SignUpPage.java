package dev.aikagi.server.browser;

import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/** {@code /signup}: a username and a password; success signs in and goes to the two-factor account choice. */
final class SignUpPage extends AikagiPage {

    static final By USERNAME = By.id("username");
    static final By PASSWORD = By.id("password");
    static final By SUBMIT = By.id("signup-submit");

    private SignUpPage(Browser browser, String step) {
        super(browser, SUBMIT, step);
    }

    static SignUpPage open(Browser browser) {
        browser.open("/signup");
        return new SignUpPage(browser, "signup");
    }

    AccountChoicePage signUp(Person person) {
        type(USERNAME, person.username());
        type(PASSWORD, person.password());
        browser.clickAndWait(browser.find(SUBMIT));
        return new AccountChoicePage(browser, "account-choice");
    }
}
