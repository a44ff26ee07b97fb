package dev.aikagi.server.browser;

import dev.aikagi.testkit.Browser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/** {@code …/{accountId}/backup-codes}: how many codes are left; showing them again or getting new ones. */
final class BackupCodesPage extends AikagiPage {

    static final By REMAINING = By.id("codes-remaining");
    static final By NEW_PASSWORD = By.cssSelector("form#new-codes-form #new-password");
    static final By NEW_SUBMIT = By.cssSelector("form#new-codes-form button#new-codes-submit");
    static final By SHOW_PASSWORD = By.cssSelector("form#show-codes-form #show-password");
    static final By SHOW_SUBMIT = By.cssSelector("form#show-codes-form button#show-codes-submit");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    BackupCodesPage(Browser browser, String step) {
        super(browser, REMAINING, step);
    }

    String remainingText() {
        return browser.find(REMAINING).getText();
    }

    /** The first number in {@code #codes-remaining}: the codes not used yet. */
    int remaining() {
        Matcher number = NUMBER.matcher(remainingText());
        if (!number.find()) {
            throw new AssertionError("no number in #codes-remaining: " + remainingText());
        }
        return Integer.parseInt(number.group());
    }

    /** New codes after the password: the old set stops working at once. */
    ShownBackupCodesPage newCodes(String password) {
        type(NEW_PASSWORD, password);
        browser.clickAndWait(browser.find(NEW_SUBMIT));
        return new ShownBackupCodesPage(browser, "backup-codes-new");
    }

    ShownBackupCodesPage showCodes(String password) {
        type(SHOW_PASSWORD, password);
        browser.clickAndWait(browser.find(SHOW_SUBMIT));
        return new ShownBackupCodesPage(browser, "backup-codes-shown-again");
    }
}
