package dev.aikagi.demo.browser;

import dev.aikagi.testkit.Browser;
import org.openqa.selenium.By;

/**
 * Aikagi's own login pages, reached through {@code /oauth2/authorize} (ids from the server's templates
 * {@code login.html}, {@code login-challenge.html}, {@code login-methods.html}, {@code login-backup-codes-left.html}).
 */
final class AikagiPages {

    private AikagiPages() {
    }

    /** {@code /login}: the password. */
    static final class Login {
        private final Browser browser;

        Login(Browser browser, String step) {
            this.browser = browser;
            browser.check(browser.where().endsWith("/login") && browser.has(By.id("login-submit")),
                    "expected Aikagi's password page");
            browser.screenshot(step);
        }

        /** An account with two-step verification: its default second step is asked for next. */
        Challenge logIn(TestAccounts.Account account) {
            submit(account);
            return new Challenge(browser, "aikagi-challenge");
        }

        /** Submits the password; the caller says which page should follow. */
        void submit(TestAccounts.Account account) {
            browser.type(By.id("username"), account.username);
            browser.type(By.id("password"), account.password);
            browser.clickAndWait(By.id("login-submit"));
        }
    }

    /** {@code /login/challenge}: the code of the second step. */
    static final class Challenge {
        private final Browser browser;

        Challenge(Browser browser, String step) {
            this.browser = browser;
            browser.check(browser.where().contains("/login/challenge"), "expected Aikagi's second-step page");
            browser.screenshot(step);
        }

        /** Enters the code and sends it; the caller says which page should follow. */
        void submit(String code) {
            browser.type(By.id("code"), code);
            browser.clickAndWait(By.id("challenge-submit"));
        }

        Methods tryAnotherWay() {
            browser.clickAndWait(By.id("try-another-way"));
            return new Methods(browser);
        }
    }

    /** {@code /login/methods}: "Try another way". */
    static final class Methods {
        private final Browser browser;

        Methods(Browser browser) {
            this.browser = browser;
            browser.check(browser.where().contains("/login/methods"), "expected Aikagi's other-methods page");
            browser.screenshot("aikagi-methods");
        }

        Challenge chooseBackupCode() {
            browser.clickAndWait(By.id("method-backup_code"));
            return new Challenge(browser, "aikagi-challenge-backup-code");
        }
    }
}
