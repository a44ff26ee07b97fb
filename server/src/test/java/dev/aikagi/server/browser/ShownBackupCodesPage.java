package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A set of backup codes on screen: just made (turning two-step verification on, or new codes), or
 * shown again. The ways to keep them, and "I have saved these codes".
 */
final class ShownBackupCodesPage extends AikagiPage {

    static final By LIST = By.id("backup-codes");
    static final By CODE = By.cssSelector("ul#backup-codes li.backup-code");
    static final By SAVED = By.id("codes-saved");
    static final By SAVED_SUBMIT = By.id("codes-saved-submit");
    static final By DOWNLOAD = By.id("download-codes");
    static final By PRINT = By.id("print-codes");
    static final By COPY = By.id("copy-codes");
    static final By STORAGE_ADVICE = By.id("storage-advice");
    static final By BACK = By.id("back-to-codes");
    /** As shown: four digits, a space, four digits. */
    static final Pattern SHOWN_CODE = Pattern.compile("\\d{4} \\d{4}");

    ShownBackupCodesPage(Browser browser, String step) {
        super(browser, LIST, step);
    }

    /** The codes in the order shown, each as {@code 1234 5678}. */
    List<String> codes() {
        return browser.findAll(CODE).stream().map(ShownBackupCodesPage::code).toList();
    }

    List<Boolean> used() {
        return browser.findAll(CODE).stream()
                .map(li -> List.of(li.getAttribute("class").split("\\s+")).contains("used"))
                .toList();
    }

    /** The ways to keep the codes, and the advice where to keep them, are all on the page. */
    void assertWaysToKeepThem() {
        for (By way : List.of(DOWNLOAD, PRINT, COPY)) {
            assertThat(browser.find(way).isDisplayed()).as("%s shown", way).isTrue();
        }
        assertThat(browser.find(STORAGE_ADVICE).getText()).isNotBlank();
    }

    /** Ticks "I have saved these codes" and goes on to the methods page. */
    TwoFactorMethodsPage confirmSaved() {
        WebElement saved = browser.find(SAVED);
        if (!saved.isSelected()) {
            saved.click();
        }
        assertThat(saved.isSelected()).as("#codes-saved ticked").isTrue();
        browser.clickAndWait(browser.find(SAVED_SUBMIT));
        return new TwoFactorMethodsPage(browser, "two-factor-methods-codes-saved");
    }

    /** From codes shown again: back to the backup codes page. */
    BackupCodesPage backToCodes() {
        browser.clickAndWait(browser.find(BACK));
        return new BackupCodesPage(browser, "backup-codes");
    }

    private static String code(WebElement li) {
        Matcher code = SHOWN_CODE.matcher(li.getText());
        assertThat(code.find()).as("a '1234 5678' code in '%s'", li.getText()).isTrue();
        return code.group();
    }
}
