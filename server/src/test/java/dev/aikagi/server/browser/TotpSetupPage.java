package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.Browser;
import java.time.Instant;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Adding the authenticator app: the QR code, the key as text, and the first code to confirm it. */
final class TotpSetupPage extends AikagiPage {

    static final By QR = By.id("totp-qr");
    static final By SECRET = By.id("totp-secret");
    static final By CODE = By.id("code");
    static final By CONFIRM = By.id("totp-confirm");

    TotpSetupPage(Browser browser, String step) {
        super(browser, CONFIRM, step);
    }

    /** The key exactly as shown: Base32 in groups separated by spaces. */
    String shownSecret() {
        return browser.find(SECRET).getText();
    }

    /** Whether the QR code is an image that loaded (not a broken one). */
    boolean qrShown() {
        WebElement qr = browser.find(QR);
        return qr.isDisplayed() && ((Number) browser.script("return arguments[0].naturalWidth", qr)).intValue() > 0;
    }

    /** What an authenticator app holding the shown key would display at {@code at}. */
    String codeAt(Instant at) {
        return Authenticator.codeAt(shownSecret(), at);
    }

    WebElement codeInput() {
        return browser.find(CODE);
    }

    TotpSetupPage assertCodeFieldForOneTimeCodes() {
        assertOneTimeCodeField(CODE);
        return this;
    }

    /** The first authenticator app: confirming it turns two-step verification on and shows the backup codes. */
    ShownBackupCodesPage confirm(String code) {
        assertThat(code).matches("\\d{6}");
        WebElement input = codeInput();
        input.clear();
        input.sendKeys(code);
        browser.clickAndWait(browser.find(CONFIRM));
        return new ShownBackupCodesPage(browser, "backup-codes-first");
    }
}
