package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.server.browser.TwoStepAccounts.Enrolled;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One backup code, two browsers, the same moment: someone who has the code (a shoulder-surfer, or a
 * phished copy) and its owner both log in with it. A code is good for one login, so exactly one
 * browser gets in and the other is told the code was already used. [KC RecoveryAuthnCodes test04]
 */
class SameBackupCodeTwoBrowsersTest extends BrowserTestSupport {

    @Test
    void submitWhenTwoBrowsersSendOneBackupCodeAtOnceThenExactlyOneSignsIn() throws Exception {
        Person person = TestPeople.person().named("race").build();
        Enrolled enrolled = TwoStepAccounts.signUpWithTwoStep(server, person);
        try (Browser first = Browser.chromium().named("same-code-first").screen(Screen.PC)
                     .language(Locale.ENGLISH).open(server.url(""));
             Browser second = Browser.chromium().named("same-code-second").screen(Screen.PHONE)
                     .language(Locale.JAPANESE).open(server.url(""))) {
            String code = enrolled.backupCodes().getFirst();
            List<ChallengePage> challenges = List.of(
                    LoginPage.open(first).logIn(person).tryAnotherWay().chooseBackupCode(),
                    LoginPage.open(second).logIn(person).tryAnotherWay().chooseBackupCode());
            challenges.forEach(c -> c.enter(code));

            List<Browser> browsers = List.of(first, second);
            CyclicBarrier together = new CyclicBarrier(browsers.size());
            ExecutorService clicks = Executors.newFixedThreadPool(browsers.size());
            try {
                List<Future<?>> sent = challenges.stream().<Future<?>>map(c -> clicks.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    c.browser.clickAndWait(c.submitButton());
                    return null;
                })).toList();
                for (Future<?> each : sent) {
                    each.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clicks.shutdownNow();
            }

            List<Browser> signedIn = browsers.stream()
                    .filter(b -> b.path().startsWith("/login/backup-codes-left")).toList();
            assertThat(signedIn).as("browsers signed in with the one code").hasSize(1);
            Browser winner = signedIn.getFirst();
            Browser loser = winner == first ? second : first;
            assertThat(new BackupCodesLeftPage(winner, "backup-codes-left-won").remaining()).isEqualTo(9);
            ChallengePage refused = new ChallengePage(loser, "challenge-lost");
            assertThat(refused.requiredError()).contains(server.message(
                    PageMessages.loginFailure(LoginFailure.CODE_ALREADY_USED), loser.language()));

            List<AuditEvent> events = server.auditEvents(enrolled.account());
            assertThat(events).filteredOn(e -> e.type() == AuditType.BACKUP_CODE_USED).hasSize(1);
            assertThat(events).filteredOn(e -> e.type() == AuditType.LOGIN_SECOND_FACTOR_FAILED)
                    .extracting(e -> e.details().get("reason")).containsExactly("ALREADY_USED");
            assertThat(first.pageProblems()).as("what the screenshots in %s show", first.screenshots()).isEmpty();
            assertThat(second.pageProblems()).as("what the screenshots in %s show", second.screenshots()).isEmpty();
        }
    }
}
