package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4 in a browser: add and verify a phone number (it becomes the first method and turns two-step
 * verification on), verify an email address, log in with the code texted to the phone (read from the
 * development outbox), then log in with a backup code: the notice mail arrives at a real SMTP server
 * (GreenMail) and its "This wasn't me" link ends the session, once.
 */
class SmsAndNoticesJourneyTest extends BrowserTestSupport {

    private static final Pattern WEB_OTP = Pattern.compile("@id\\.example\\.test #[0-9]{6}$");
    private static final String PUBLIC_URL = "https://id.example.test";
    private static final Pattern NOT_ME_LINK =
            Pattern.compile(Pattern.quote(PUBLIC_URL) + "/security/not-me\\?token=([A-Za-z0-9_-]{20,})");

    @BeforeAll
    static void start() {
        startWithMail("--aikagi.public-url=" + PUBLIC_URL);
    }

    static Stream<Arguments> screensAndLanguages() {
        return Stream.of(
                arguments(Screen.PHONE, Locale.JAPANESE, "090-1234-5601", "+819012345601"),
                arguments(Screen.PC, Locale.ENGLISH, "+81 90 1234 5602", "+819012345602"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("screensAndLanguages")
    void phoneEmailSmsLoginAndTheBackupCodeNoticeWithItsLink(Screen screen, Locale language, String typed,
                                                              String e164) throws Exception {
        Person person = TestPeople.person().build();
        String email = person.username().toLowerCase(Locale.ROOT) + "@example.test";
        try (Browser browser = Browser.chromium().named("sms-journey").screen(screen).language(language)
                .open(server.url(""))) {
            TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(person).choose(person);
            AccountId account = methods.accountId();
            assertThat(methods.twoStepOn()).isFalse();
            assertThat(methods.text(TwoFactorMethodsPage.SMS_WHY))
                    .isEqualTo(server.message("two_factor.sms.why", language));

            // A landline is refused with its reason; a mobile number gets a code, shown masked.
            PhoneAddPage add = methods.addPhone(person)
                    .sendRefused("03-1234-5678", "phone-landline");
            assertThat(add.requiredError()).isEqualTo(server.message("error.phone_not_mobile", language));
            PhoneConfirmPage confirm = add.send(typed).assertCodeFieldForOneTimeCodes();
            assertThat(confirm.destination()).contains("•••• ••" + e164.substring(e164.length() - 2))
                    .doesNotContain(e164.substring(3, 9));
            String verifyText = newestCodeText(e164);
            String verifyCode = code(verifyText);

            // The phone is the first method: two-step verification turns on, with the first backup codes.
            ShownBackupCodesPage firstCodes = confirm.confirmFirstMethod(verifyCode);
            List<String> backupCodes = firstCodes.codes();
            assertThat(backupCodes).hasSize(10);
            methods = firstCodes.confirmSaved();
            assertThat(methods.twoStepOn()).isTrue();
            assertThat(methods.text(TwoFactorMethodsPage.SMS_STATUS)).contains("••" + e164.substring(e164.length() - 2));

            // The email address, verified with the code mailed to it.
            int before = smtp.getReceivedMessages().length;
            EmailPage.Confirm emailConfirm = methods.email().send(email);
            String emailCode = code(content(awaitMail(email, before, m -> true)));
            methods = emailConfirm.confirm(emailCode);
            assertThat(methods.text(TwoFactorMethodsPage.EMAIL_STATUS)).contains("@example.test");

            // Log in: the code is texted at once, the page names the number only masked.
            ChallengePage challenge = methods.logout().logIn(person).assertCodeFieldForOneTimeCodes();
            assertThat(challenge.hint()).contains("••" + e164.substring(e164.length() - 2)).doesNotContain(e164);
            String loginText = newestCodeText(e164);
            assertThat(loginText).as("a new text for the login").isNotEqualTo(verifyText);
            SettingsPage signedIn = challenge.submitSmsCode(code(loginText));
            assertThat(signedIn.signedIn()).isTrue();

            // Log in with a backup code: a notice mail with the count left and a "This wasn't me" link.
            int mailsBefore = smtp.getReceivedMessages().length;
            BackupCodesLeftPage left = signedIn.logout().logIn(person).tryAnotherWay().chooseBackupCode()
                    .submitBackupCode(backupCodes.get(0));
            assertThat(left.remaining()).isEqualTo(9);
            String expectedSubject = server.notice("alert.backup_code_used.subject", language);
            MimeMessage notice = awaitMail(email, mailsBefore, m -> subject(m).equals(expectedSubject));
            String body = content(notice);
            assertThat(body).contains("9").doesNotContain(backupCodes.get(0)).doesNotContain(person.username());
            assertThat(notice.getFrom()[0].toString()).isEqualTo("security@aikagi.test");
            Matcher link = NOT_ME_LINK.matcher(body);
            assertThat(link.find()).as("a not-me link in:%n%s", body).isTrue();

            // The phone is told too (the notice goes to every verified channel).
            String expectedText = server.notice("alert.backup_code_used.sms", language)
                    .replace("{issuer}", "Aikagi").replace("{remaining}", "9");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.newestText(e164).orElseThrow().startsWith(expectedText));
            assertThat(server.newestText(e164).orElseThrow()).startsWith(expectedText).contains(PUBLIC_URL);

            // The link asks to confirm, then ends every session: this browser is logged out.
            String onThisServer = server.url("/security/not-me?token=" + link.group(1));
            NotMePage notMe = NotMePage.open(browser, onThisServer).confirm();
            assertThat(notMe.done()).isTrue();
            browser.open("/settings");
            assertThat(browser.path()).startsWith("/login");
            // The link works once.
            assertThat(NotMePage.open(browser, onThisServer).confirm().invalid()).isTrue();

            List<AuditEvent> events = server.auditEvents(account);
            assertThat(events).extracting(AuditEvent::type).containsSubsequence(
                    AuditType.CODE_SENT, AuditType.PHONE_VERIFIED, AuditType.SMS_LOGIN_ENABLED,
                    AuditType.TWO_STEP_ENABLED, AuditType.EMAIL_VERIFIED, AuditType.LOGIN_SUCCEEDED,
                    AuditType.BACKUP_CODE_USED, AuditType.ALERT_REPORTED);
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    /**
     * The newest text that carries a code: those end with the WebOTP line {@code @host #123456}; notices
     * about the account may arrive later (they are sent off the request's thread).
     */
    private static String newestCodeText(String e164) {
        return server.texts(e164).stream().filter(t -> WEB_OTP.matcher(t).find()).findFirst()
                .orElseThrow(() -> new AssertionError("no code texted to " + e164));
    }





    private static String content(MimeMessage m) throws MessagingException, IOException {
        return m.getContent().toString();
    }
}
