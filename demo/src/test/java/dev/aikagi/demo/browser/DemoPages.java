package dev.aikagi.demo.browser;

import dev.aikagi.testkit.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The demo app's two pages, as a person sees them. */
final class DemoPages {

    private DemoPages() {
    }

    /** {@code /} (and {@code /signed-out}): the login buttons, and why the last login failed. */
    static final class Home {
        static final By PAGE = By.id("home");
        static final By LOGIN = By.id("login");
        static final By LOGIN_TWO_STEP = By.id("login-two-step");
        static final By ERROR_CODE = By.id("error-code");
        static final By SIGNED_OUT = By.id("signed-out");
        static final By SIGNED_IN_AS = By.id("signed-in-as");

        private final Browser browser;

        Home(Browser browser, String step) {
            this.browser = browser;
            browser.check(browser.has(PAGE), "expected the demo's home page");
            browser.screenshot(step);
        }

        static Home open(Browser browser, String demoUrl) {
            browser.open(demoUrl + "/");
            return new Home(browser, "demo-home");
        }

        AikagiPages.Login logIn() {
            browser.clickAndWait(LOGIN);
            return new AikagiPages.Login(browser, "aikagi-login");
        }

        AikagiPages.Login logInRequiringTwoStep() {
            browser.clickAndWait(LOGIN_TWO_STEP);
            return new AikagiPages.Login(browser, "aikagi-login-two-step-required");
        }

        boolean saysSignedOut() {
            return browser.has(SIGNED_OUT);
        }

        boolean saysSignedIn() {
            return browser.has(SIGNED_IN_AS);
        }

        String errorCode() {
            browser.check(browser.has(ERROR_CODE), "expected an error on the demo's home page");
            return browser.text(ERROR_CODE);
        }

        String errorExplanation() {
            return browser.text(By.id("error-explanation"));
        }
    }

    /** {@code /me}: who logged in, with which factors, and the tokens. */
    static final class SignedIn {
        static final By PAGE = By.id("me-page");

        private final Browser browser;

        SignedIn(Browser browser, String step) {
            this.browser = browser;
            browser.check(browser.has(PAGE), "expected the demo's signed-in page");
            browser.screenshot(step);
        }

        String username() {
            return browser.text(By.id("preferred-username"));
        }

        String subject() {
            return browser.text(By.id("sub"));
        }

        /** The {@code amr} values, in order. */
        List<String> amr() {
            return browser.find(By.id("amr")).findElements(By.tagName("li")).stream()
                    .map(li -> li.getAttribute("data-amr")).toList();
        }

        /** The factors in words, as the page says them. */
        List<String> factors() {
            return browser.find(By.id("amr")).findElements(By.cssSelector("li > span")).stream()
                    .map(WebElement::getText).toList();
        }

        String acr() {
            return browser.text(By.cssSelector("#acr code"));
        }

        String acrWords() {
            return browser.text(By.id("acr-words"));
        }

        String issuer() {
            return browser.text(By.id("issuer"));
        }

        String authTime() {
            return browser.text(By.id("auth-time"));
        }

        String accessToken() {
            return browser.text(By.id("access-token"));
        }

        String refreshToken() {
            return browser.text(By.id("refresh-token"));
        }

        /** The raw ID token, folded away in a {@code <details>}. */
        String idToken() {
            return browser.hiddenText(By.id("id-token")).strip();
        }

        SignedIn refreshTokens() {
            browser.clickAndWait(By.id("refresh"));
            return new SignedIn(browser, "demo-refreshed");
        }

        String refreshProblem() {
            return browser.has(By.id("refresh-problem")) ? browser.text(By.id("refresh-problem")) : null;
        }

        boolean saysTokenChanged() {
            return browser.has(By.id("refresh-changed"));
        }

        String refreshedFrom() {
            return browser.text(By.id("refresh-before"));
        }

        String refreshedTo() {
            return browser.text(By.id("refresh-after"));
        }

        /** RP-initiated logout: through Aikagi's end-session endpoint and back to the demo's home page. */
        Home logOut() {
            browser.clickAndWait(By.id("logout"));
            browser.waitFor(Home.PAGE);
            return new Home(browser, "demo-signed-out");
        }

        AikagiPages.Login logInAgain() {
            browser.clickAndWait(By.id("login-again"));
            return new AikagiPages.Login(browser, "aikagi-login-again");
        }
    }
}
