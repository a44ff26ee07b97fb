package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages of issue 17's security checkup part: the checkup itself, the security page's sessions, the password
 * page and the account deletion pages. Each is a small {@link AikagiPage}: made once shown, photographed.
 */
final class CheckupPages {

    static final String SECURITY = "/settings/account-center/security";

    private CheckupPages() {
    }

    /** {@code …/security/checkup}. */
    static final class Checkup extends AikagiPage {
        static final By SUMMARY = By.id("checkup-summary");

        Checkup(Browser browser, String step) {
            super(browser, SUMMARY, step);
            assertThat(browser.path()).isEqualTo(SECURITY + "/checkup");
        }

        static Checkup open(Browser browser, String step) {
            browser.open(SECURITY + "/checkup");
            return new Checkup(browser, step);
        }

        String state() {
            return browser.find(SUMMARY).getAttribute("data-state");
        }

        String state(String item) {
            return browser.find(By.id("checkup-" + item)).getAttribute("data-state");
        }

        String fix(String item) {
            return browser.find(By.id("checkup-fix-" + item)).getAttribute("href");
        }
    }

    /** {@code …/security}: sessions and activity. */
    static final class Security extends AikagiPage {
        static final By SESSIONS = By.id("sessions");

        Security(Browser browser, String step) {
            super(browser, SESSIONS, step);
        }

        static Security open(Browser browser, String step) {
            browser.open(SECURITY);
            return new Security(browser, step);
        }

        List<WebElement> endButtons() {
            return browser.findAll(By.className("end-session"));
        }

        Security endFirstOther(String step) {
            browser.clickAndWait(endButtons().getFirst());
            return new Security(browser, step);
        }

        Security endOthers(String step) {
            browser.clickAndWait(By.id("end-other-sessions"));
            return new Security(browser, step);
        }

        String notice() {
            return browser.text(By.id("notice"));
        }

        Password changePassword(String step) {
            browser.clickAndWait(By.id("password-link"));
            return new Password(browser, step);
        }

        Delete deleteAccount(String step) {
            browser.clickAndWait(By.id("delete-link"));
            return new Delete(browser, step);
        }
    }

    /** {@code …/security/password}. */
    static final class Password extends AikagiPage {
        Password(Browser browser, String step) {
            super(browser, By.id("password-submit"), step);
        }

        Security change(String current, String next, String step) {
            browser.type(By.id("current-password"), current);
            browser.type(By.id("new-password"), next);
            browser.clickAndWait(By.id("password-submit"));
            return new Security(browser, step);
        }

        Password changeRefused(String current, String next, String step) {
            browser.type(By.id("current-password"), current);
            browser.type(By.id("new-password"), next);
            browser.clickAndWait(By.id("password-submit"));
            return new Password(browser, step);
        }

        String currentInvalid() {
            return browser.find(By.id("current-password")).getAttribute("aria-invalid");
        }
    }

    /** {@code …/security/delete}, and the page a login shows while a deletion is pending. */
    static final class Delete extends AikagiPage {
        static final By STATE = By.id("deletion-state");

        Delete(Browser browser, String step) {
            super(browser, STATE, step);
        }

        String state() {
            return browser.find(STATE).getAttribute("data-state");
        }

        Delete schedule(String password, String step) {
            browser.type(By.id("delete-password"), password);
            browser.clickAndWait(By.id("delete-submit"));
            return new Delete(browser, step);
        }

        void keep() {
            browser.clickAndWait(By.id("keep-account"));
        }
    }

    /** {@code /account/deletion/cancel?token=…}: the deletion notice's link, which works without logging in. */
    static final class CancelLink extends AikagiPage {
        static final By SUBMIT = By.id("deletion-cancel-submit");

        CancelLink(Browser browser, By marker, String step) {
            super(browser, marker, step);
        }

        CancelLink confirm() {
            browser.clickAndWait(SUBMIT);
            return new CancelLink(browser, By.cssSelector("#deletion-cancel-done, #deletion-cancel-invalid"),
                    "deletion-cancel-confirmed");
        }

        boolean invalid() {
            return browser.has(By.id("deletion-cancel-invalid"));
        }
    }
}
