package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.server.browser.TwoStepAccounts.Enrolled;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Pages no journey passes through, photographed (and so checked by axe-core against WCAG 2.2 AA) in both
 * languages: the page for an address that does not exist, and the account center.
 */
class OtherPagesAccessibilityTest extends BrowserTestSupport {

    @Test
    void otherPagesWhenInJapaneseOnAPhoneThenNoProblems() {
        visit(Screen.PHONE, Locale.JAPANESE);
    }

    @Test
    void otherPagesWhenInEnglishOnAComputerThenNoProblems() {
        visit(Screen.PC, Locale.ENGLISH);
    }

    private static void visit(Screen screen, Locale language) {
        Person person = TestPeople.person().named("other-pages").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        try (Browser browser = Browser.chromium().named("other-pages").screen(screen).language(language)
                .open(server.url(""))) {
            browser.open("/no-such-page");
            browser.screenshot("not-found-signed-out");

            // The next time step: the step that confirmed the app a moment ago cannot be used twice.
            LoginPage.open(browser).logIn(person).submitTotpCode(enrolled.totpCodeAt(Instant.now().plusSeconds(30)));
            browser.open("/settings/account-center");
            browser.screenshot("account-center");
            browser.open("/no-such-page");
            browser.screenshot("not-found-signed-in");

            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
