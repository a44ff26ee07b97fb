package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/** {@code /login/backup-codes-left}: after a login with a backup code, how many are left. */
final class BackupCodesLeftPage extends AikagiPage {

    static final By REMAINING = By.id("remaining-count");
    static final By CONTINUE = By.id("continue");
    static final By GET_NEW_CODES = By.id("get-new-codes");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    BackupCodesLeftPage(Browser browser, String step) {
        super(browser, REMAINING, step);
        assertThat(browser.path()).startsWith("/login/backup-codes-left");
    }

    int remaining() {
        String text = browser.find(REMAINING).getText();
        Matcher number = NUMBER.matcher(text);
        assertThat(number.find()).as("a number in #remaining-count: '%s'", text).isTrue();
        return Integer.parseInt(number.group());
    }

    boolean offersNewCodes() {
        return browser.has(GET_NEW_CODES);
    }

    BackupCodesPage getNewCodes() {
        browser.clickAndWait(browser.find(GET_NEW_CODES));
        return new BackupCodesPage(browser, "backup-codes");
    }

    /** "Continue" leads to the two-factor settings, starting with the account choice. */
    AccountChoicePage continueOn() {
        browser.clickAndWait(browser.find(CONTINUE));
        return new AccountChoicePage(browser, "account-choice");
    }
}
