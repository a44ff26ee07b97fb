package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.ApiAccounts;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 17, "what a newcomer stumbled on", in Chromium at phone and PC width, in Japanese and English: "send again"
 * right after the automatic text says what happened and counts down; focus lands on the error after a refused
 * /login and /signup; a double tap sends a form once; a Japanese reader in Tokyo sees JST.
 */
class NewcomerJourneyTest extends BrowserTestSupport {

    private static final Pattern WEB_OTP = Pattern.compile("@[^ ]+ #([0-9]{6})$");
    private static final By WAIT = By.id("send-again-wait");
    private static final By COUNTDOWN = By.id("send-again-countdown");
    private static final By NOTICE = By.id("notice");

    static Stream<Arguments> screensAndLanguages() {
        return Stream.of(
                arguments(Screen.PHONE, Locale.JAPANESE, "Asia/Tokyo", "JST"),
                arguments(Screen.PC, Locale.ENGLISH, "America/New_York", "EST"));
    }

    /** An account whose second step is the text message to {@code e164}, made through the API. */
    private static void smsAccount(Person person, String e164) {
        ApiClient api = new ApiClient(URI.create(server.url("")));
        ApiAccounts accounts = new ApiAccounts(api, Clock.systemUTC());
        accounts.signUp(person.username(), person.password());
        String token = accounts.logIn(person.username(), person.password());
        ApiClient.expect(api.post("/api/v1/me/phone", Map.of("phoneNumber", e164), token), 202, "phone");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> server.texts(e164).stream().anyMatch(t -> WEB_OTP.matcher(t).find()));
        Matcher code = WEB_OTP.matcher(server.texts(e164).getFirst());
        assertThat(code.find()).isTrue();
        ApiClient.expect(api.post("/api/v1/me/phone/confirm", Map.of("code", code.group(1)), token), 200, "confirm");
        accounts.logOut(token);
    }

    private static Object active(Browser browser) {
        return browser.script("return document.activeElement && document.activeElement.id;");
    }

    private static void zone(Browser browser, String zone) {
        browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("screensAndLanguages")
    void sendAgainWhenRightAfterTheAutomaticTextThenSaysSoAndCountsDownToTheButton(Screen screen, Locale language,
                                                                                   String ignoredZone,
                                                                                   String ignoredName) {
        Person person = TestPeople.person().named("resend").build();
        String e164 = screen == Screen.PHONE ? "+819012347811" : "+819012347812";
        smsAccount(person, e164);
        try (Browser browser = Browser.chromium().named("send-again").screen(screen).language(language)
                .open(server.url(""))) {
            LoginPage.open(browser).logIn(person);
            String masked = "•••• ••" + e164.substring(e164.length() - 2);

            // Sent at once: the wait is shown to the second, and the button waits for it.
            assertThat(browser.text(WAIT)).matches(".*0:[0-3][0-9].*");
            browser.until(d -> !d.findElement(ChallengePage.SEND_CODE).isEnabled());
            assertThat(browser.text(ChallengePage.SEND_CODE)).isEqualTo(server.message("challenge.sms.send_again", language));
            String first = browser.text(COUNTDOWN);
            browser.until(d -> !d.findElement(COUNTDOWN).getText().equals(first));
            browser.screenshot("sms-sent-counting-down");

            // "Send again" anyway (as without script, where the button stays enabled): not "too many codes".
            browser.script("document.getElementById('send-code').disabled = false;");
            browser.clickAndWait(browser.find(ChallengePage.SEND_CODE));
            browser.waitFor(NOTICE); // the page answering the send, at /login/send-code
            browser.screenshot("send-again-too-soon");
            assertThat(browser.text(NOTICE)).isEqualTo(server.message("send_again.sent_to", language, masked));
            assertThat(browser.text(WAIT)).matches(".*0:[0-3][0-9].*");
            assertThat(browser.has(AikagiPage.FORM_ERROR)).as("not an error").isFalse();
            assertThat(browser.find(By.tagName("body")).getText())
                    .doesNotContain(server.message("error.too_many_sends.later", language).substring(0, 8));
            assertThat(browser.text(ChallengePage.SEND_CODE)).isEqualTo(server.message("challenge.sms.send_again", language));
            assertThat(server.texts(e164).stream().filter(t -> WEB_OTP.matcher(t).find())).as("codes texted").hasSize(2);

            // At 0 the button is enabled again and the wait says so (a short wait, from the server's hint).
            browser.open("/login/challenge?sent&next-send=" + Instant.now().plusSeconds(2).getEpochSecond());
            new ChallengePage(browser, "send-again-short-wait");
            browser.until(d -> d.findElement(ChallengePage.SEND_CODE).isEnabled()
                    && d.findElement(WAIT).getText().equals(server.message("send_again.ready", language)));
            browser.screenshot("send-again-ready");
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("screensAndLanguages")
    void loginAndSignUpWhenRefusedThenFocusOnTheErrorTitleSaysErrorAndTheFieldIsMarked(Screen screen, Locale language,
                                                                                      String ignoredZone,
                                                                                      String ignoredName) {
        Person taken = TestPeople.person().named("taken").build();
        new ApiAccounts(new ApiClient(URI.create(server.url(""))), Clock.systemUTC())
                .signUp(taken.username(), taken.password());
        String errorTitle = server.message("page.error_title", language, "x").replace("x", "");
        try (Browser browser = Browser.chromium().named("form-errors").screen(screen).language(language)
                .open(server.url(""))) {
            LoginPage.open(browser);
            browser.type(LoginPage.USERNAME, taken.username());
            browser.type(LoginPage.PASSWORD, "not the password at all");
            browser.clickAndWait(browser.find(LoginPage.SUBMIT));
            new LoginPage(browser, "login-refused-focus");
            assertThat(active(browser)).as("focus after a refused login").isEqualTo("form-error");
            assertThat(browser.driver().getTitle()).startsWith(errorTitle);
            WebElement password = browser.find(LoginPage.PASSWORD);
            assertThat(password.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(password.getAttribute("aria-describedby")).isEqualTo("form-error");

            SignUpPage.open(browser);
            browser.type(SignUpPage.USERNAME, taken.username());
            browser.type(SignUpPage.PASSWORD, "a long enough new password");
            browser.clickAndWait(browser.find(SignUpPage.SUBMIT));
            browser.waitFor(AikagiPage.FORM_ERROR);
            browser.screenshot("signup-refused-focus");
            assertThat(active(browser)).as("focus after a refused sign-up").isEqualTo("form-error");
            assertThat(browser.driver().getTitle()).startsWith(errorTitle);
            assertThat(browser.find(SignUpPage.USERNAME).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find(SignUpPage.PASSWORD).getAttribute("value"))
                    .as("the password stays when only the username was wrong").isEqualTo("a long enough new password");
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("screensAndLanguages")
    void signUpWhenTappedTwiceThenSentOnceAndTheTimesAreInTheReadersZone(Screen screen, Locale language, String zone,
                                                                         String zoneName) {
        Person person = TestPeople.person().named("twice").build();
        try (Browser browser = Browser.chromium().named("double-tap").screen(screen).language(language)
                .open(server.url(""))) {
            zone(browser, zone);
            SignUpPage.open(browser);
            browser.type(SignUpPage.USERNAME, person.username());
            browser.type(SignUpPage.PASSWORD, person.password());
            WebElement previous = browser.find(By.tagName("html"));
            // Two taps in the same moment: without the guard the second would be sent too, and answered
            // "that username is taken" (the first made the account).
            browser.script("var b = document.getElementById('signup-submit'); b.click(); b.click();");
            browser.waitForNextPage(previous);
            TwoFactorMethodsPage methods = new TwoFactorMethodsPage(browser, "account-created");
            assertThat(browser.has(AikagiPage.FORM_ERROR)).as("sent once").isFalse();
            assertThat(browser.text(NOTICE)).isEqualTo(server.message("two_factor.notice.created", language));
            assertThat(methods.twoStepOn()).isFalse();

            // Back: the form's button works again.
            browser.driver().navigate().back();
            browser.until(d -> d.findElement(SignUpPage.SUBMIT).isEnabled());

            browser.open("/settings/account-center/security");
            browser.waitFor(By.id("sessions"));
            browser.screenshot("security-times-in-" + zoneName);
            assertThat(browser.text(By.id("sessions"))).contains(" " + zoneName).doesNotContain(" UTC");
            assertThat(browser.text(By.id("time-zone-current"))).contains(zone);
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
