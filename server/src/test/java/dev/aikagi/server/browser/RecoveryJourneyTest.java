package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Journey 7 in a browser, on a server whose operator set no waiting period: "Forgot password?", a code
 * mailed (to a real SMTP server, GreenMail) and a code texted (the development outbox), the new backup
 * codes, a new password; then the old password no longer works and the new one with a texted code does.
 * In Japanese, at phone width.
 */
class RecoveryJourneyTest extends BrowserTestSupport {

    private static final Pattern WEB_OTP = Pattern.compile("@[^ ]+ #[0-9]{6}$");

    @BeforeAll
    static void start() {
        startWithMail("--aikagi.recovery.waiting-period=0s");
    }

    @Test
    void recoveryWhenEmailAndSmsCodesThenNewBackupCodesNewPasswordAndOldPasswordRefused() throws Exception {
        Locale language = Locale.JAPANESE;
        Person person = TestPeople.person().named("recover").build();
        String email = person.username().toLowerCase(Locale.ROOT) + "@example.test";
        String e164 = "+819012345611";
        try (Browser browser = Browser.chromium().named("recovery-journey").screen(Screen.PHONE)
                .language(language).open(server.url(""))) {
            // An account with its phone (the first method, so two-step verification is on) and its email.
            TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(person).choose(person);
            AccountId account = methods.accountId();
            PhoneConfirmPage confirm = methods.addPhone(person).send("090-1234-5611");
            methods = confirm.confirmFirstMethod(code(awaitCodeText(e164, List.of()))).confirmSaved();
            int before = smtp.getReceivedMessages().length;
            EmailPage.Confirm emailConfirm = methods.email().send(email);
            methods = emailConfirm.confirm(code(content(awaitMail(email, before, m -> true))));
            LoginPage login = methods.logout();

            // "Forgot password?": nothing of any login is filled in.
            RecoveryPages.Start start = RecoveryPages.Start.fromLogin(login, browser);
            assertThat(start.typedUsername()).isEmpty();
            RecoveryPages.Proofs proofs = start.start(person.username());

            int mailsBefore = smtp.getReceivedMessages().length;
            proofs = proofs.sendEmail();
            assertThat(proofs.notice()).isEqualTo(server.message("recovery.proofs.sent.email", language));
            String subject = server.notice("recovery_code.subject", language).replace("{issuer}", "Aikagi");
            String emailCode = code(content(awaitMail(email, mailsBefore, m -> subject(m).equals(subject))));
            proofs = proofs.emailCode(emailCode);
            assertThat(proofs.notice()).isEqualTo(server.message("recovery.proofs.accepted", language));

            List<String> textsBefore = server.texts(e164);
            proofs = proofs.sendSms();
            assertThat(proofs.notice()).isEqualTo(server.message("recovery.proofs.sent.sms", language));
            proofs = proofs.smsCodeRefused("000000");
            assertThat(proofs.requiredError()).isEqualTo(server.message("recovery.error.recovery_proof_invalid", language));
            RecoveryPages.Waiting ready = proofs.smsCodeCompleting(code(awaitCodeText(e164, textsBefore)));
            assertThat(ready.ready()).as("no waiting period on this server").isTrue();

            // The new codes, with the ways to keep them; then the new password.
            RecoveryPages.Codes codes = ready.continueToCodes();
            List<String> backupCodes = codes.codes();
            assertThat(backupCodes).hasSize(10).doesNotHaveDuplicates();
            codes.assertWaysToKeepThem();
            RecoveryPages.NewPassword newPassword = codes.saved();
            newPassword = newPassword.setRefused("abc");
            assertThat(newPassword.requiredError()).isEqualTo(server.message("error.password_too_short", language));
            String chosen = "あたらしい合鍵のパスワード";
            RecoveryPages.Done done = newPassword.set(chosen);
            assertThat(done.notice()).isEqualTo(server.message("recovery.done.intro", language));

            // The old password no longer works.
            login = done.logIn();
            login.type(LoginPage.USERNAME, person.username());
            login.type(LoginPage.PASSWORD, person.password());
            browser.clickAndWait(browser.find(LoginPage.SUBMIT));
            login = new LoginPage(browser, "old-password-refused");
            assertThat(login.requiredError()).isNotBlank();

            // The new one does, with a code texted to the phone (one of the proofs, so still a method).
            List<String> textsBeforeLogin = server.texts(e164);
            ChallengePage challenge = login.logIn(new Person(person.username(), chosen));
            SettingsPage signedIn = challenge.submitSmsCode(code(awaitCodeText(e164, textsBeforeLogin)));
            assertThat(signedIn.signedIn()).isTrue();

            List<AuditEvent> events = server.auditEvents(account);
            assertThat(events).extracting(AuditEvent::type).containsSubsequence(
                    AuditType.RECOVERY_STARTED, AuditType.RECOVERY_PROOF_ACCEPTED, AuditType.RECOVERY_PROOF_FAILED,
                    AuditType.RECOVERY_PROOF_ACCEPTED, AuditType.RECOVERY_WAITING, AuditType.RECOVERY_COMPLETED,
                    AuditType.PASSWORD_CHANGED, AuditType.LOGIN_SUCCEEDED);
            assertThat(browser.has(By.id("recovery-continue"))).isFalse();
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    /** Waits (sends are off the request's thread) for a text with a code that was not there before. */
    static String awaitCodeText(String e164, List<String> seenBefore) {
        java.util.function.Supplier<Optional<String>> find = () -> server.texts(e164).stream()
                .filter(t -> WEB_OTP.matcher(t).find())
                .filter(t -> !seenBefore.contains(t))
                .findFirst();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> find.get().isPresent());
        return find.get().orElseThrow();
    }





    private static String content(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }
}
