package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The invitation link of a user an operator created (issue 18): the form on a phone in Japanese, a refused
 * password marked on its field, the password set; the same link again on a desktop in English.
 */
class InvitationPagesTest extends BrowserTestSupport {

    private static final By PASSWORD = By.id("invitation-password");
    private static final By SUBMIT = By.id("invitation-submit");

    /** One step of the invitation page; {@code marker} is an element only that state has. */
    static final class InvitationPage extends AikagiPage {
        InvitationPage(Browser browser, By marker, String step) {
            super(browser, marker, step);
        }
    }

    @Test
    void invitationWhenOpenedOnAPhoneThenPasswordSetAndTheLinkThenRefusedOnADesktop() {
        String link = server.invite("browser-invited", "browser-invited@example.jp", "ja");
        try (Browser browser = Browser.chromium().named("invitation-phone").screen(Screen.PHONE)
                .language(Locale.JAPANESE).open(server.url(""))) {
            browser.driver().get(server.url(link));
            InvitationPage form = new InvitationPage(browser, SUBMIT, "invitation-form");
            assertThat(browser.find(By.tagName("h1")).getText())
                    .isEqualTo(server.message("invitation.title", Locale.JAPANESE));

            browser.find(PASSWORD).sendKeys("short");
            // The browser's own minlength check would stop the form: the server's answer is what is tested.
            browser.script("document.getElementById('invitation-password').removeAttribute('minlength');");
            browser.clickAndWait(browser.find(SUBMIT));
            InvitationPage refused = new InvitationPage(browser, SUBMIT, "invitation-password-refused");
            assertThat(refused.requiredError()).isNotBlank();
            assertThat(browser.find(PASSWORD).getAttribute("aria-invalid")).isEqualTo("true");

            browser.find(PASSWORD).sendKeys("ゆきだるまの朝ごはん");
            browser.clickAndWait(browser.find(SUBMIT));
            new InvitationPage(browser, By.id("invitation-done"), "invitation-done");
            browser.clickAndWait(browser.find(By.id("invitation-login")));
            new LoginPage(browser, "invitation-then-login");
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
        try (Browser browser = Browser.chromium().named("invitation-used").screen(Screen.PC)
                .language(Locale.ENGLISH).open(server.url(""))) {
            browser.driver().get(server.url(link));
            new InvitationPage(browser, By.id("invitation-invalid"), "invitation-used");
            assertThat(browser.find(By.id("invitation-invalid")).getText())
                    .isEqualTo(server.message("invitation.invalid", Locale.ENGLISH));
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
