package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /settings/account-center/security/two-factor}: which account's two-step verification to change. */
final class AccountChoicePage extends AikagiPage {

    static final String PATH = "/settings/account-center/security/two-factor";
    static final By CHOICE = By.cssSelector("a.account-choice");

    AccountChoicePage(Browser browser, String step) {
        // With one account in the browser the choice is skipped: the account's own page is shown (issue 17).
        super(browser, By.cssSelector("a.account-choice, #two-step-status"), step);
        assertThat(browser.path()).startsWith(PATH);
    }

    TwoFactorMethodsPage choose(Person person) {
        if (!browser.has(CHOICE)) {
            return new TwoFactorMethodsPage(browser, "two-factor-methods");
        }
        List<WebElement> mine = browser.findAll(CHOICE).stream()
                .filter(a -> a.getText().contains(person.username()))
                .toList();
        assertThat(mine).as("account choices naming %s", person.username()).hasSize(1);
        browser.clickAndWait(mine.getFirst());
        return new TwoFactorMethodsPage(browser, "two-factor-methods");
    }
}
