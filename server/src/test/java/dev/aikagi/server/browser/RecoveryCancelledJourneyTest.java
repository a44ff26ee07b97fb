package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Journey 7's waiting period in a browser (the default 24 h): a texted code and the password start the
 * wait, the page says until when and that every channel was told; the owner then simply logs in in
 * another browser, and the recovery shows as cancelled. In English, at PC width.
 */
class RecoveryCancelledJourneyTest extends BrowserTestSupport {

    @Test
    void recoveryWhenWaitingAndOwnerLogsInThenCancelled() {
        Locale language = Locale.ENGLISH;
        Person person = TestPeople.person().named("waiting").build();
        String e164 = "+819012345612";
        try (Browser owner = Browser.chromium().named("recovery-owner").screen(Screen.PC).language(language)
                .open(server.url(""));
             Browser stranger = Browser.chromium().named("recovery-waiting").screen(Screen.PC).language(language)
                     .open(server.url(""))) {
            TwoFactorMethodsPage methods = SignUpPage.open(owner).signUp(person).choose(person);
            AccountId account = methods.accountId();
            PhoneConfirmPage confirm = methods.addPhone(person).send("+81 90 1234 5612");
            methods = confirm.confirmFirstMethod(
                    RecoveryJourneyTest.code(awaitCodeText(e164, List.of()))).confirmSaved();
            methods.logout();

            RecoveryPages.Proofs proofs = RecoveryPages.Start.fromLogin(LoginPage.open(stranger), stranger)
                    .start(person.username());
            List<String> before = server.texts(e164);
            proofs = proofs.sendSms().smsCode(RecoveryJourneyTest.code(awaitCodeText(e164, before)));
            assertThat(proofs.notice()).isEqualTo(server.message("recovery.proofs.accepted", language));
            RecoveryPages.Waiting waiting = proofs.passwordCompleting(person.password());

            assertThat(waiting.ready()).isFalse();
            Instant until = OffsetDateTime.parse(waiting.untilIso()).toInstant();
            assertThat(Duration.between(Instant.now(), until)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
            assertThat(waiting.until()).startsWith(server.message("recovery.waiting.until", language));
            assertThat(waiting.told()).isEqualTo(server.message("recovery.waiting.told", language));

            // The owner simply logs in: that cancels the recovery.
            List<String> beforeLogin = server.texts(e164);
            ChallengePage challenge = LoginPage.open(owner).logIn(person);
            assertThat(challenge.submitSmsCode(RecoveryJourneyTest.code(awaitCodeText(e164, beforeLogin))).signedIn())
                    .isTrue();

            RecoveryPages.Ended ended = waiting.checkAgainEnded();
            assertThat(ended.reason()).isEqualTo(server.message("recovery.ended.cancelled", language));

            List<AuditEvent> events = server.auditEvents(account);
            assertThat(events).extracting(AuditEvent::type).containsSubsequence(
                    AuditType.RECOVERY_STARTED, AuditType.RECOVERY_WAITING, AuditType.LOGIN_SUCCEEDED,
                    AuditType.RECOVERY_CANCELLED);
            assertThat(events).extracting(AuditEvent::type).doesNotContain(AuditType.RECOVERY_COMPLETED);
            assertThat(stranger.pageProblems()).as("what the screenshots in %s show", stranger.screenshots()).isEmpty();
        }
    }

    private static String awaitCodeText(String e164, List<String> seenBefore) {
        java.util.regex.Pattern webOtp = java.util.regex.Pattern.compile("@[^ ]+ #[0-9]{6}$");
        java.util.function.Supplier<java.util.Optional<String>> find = () -> server.texts(e164).stream()
                .filter(t -> webOtp.matcher(t).find())
                .filter(t -> !seenBefore.contains(t))
                .findFirst();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> find.get().isPresent());
        return find.get().orElseThrow();
    }
}
