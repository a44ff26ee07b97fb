package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.role.Role;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.testkit.Browser;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Issue 5 in browsers: a support case from the request to the approval by two agents to a new login with
 * new backup codes. The person lost the phone with the authenticator app; they ask support (with a photo),
 * two agents (each signed in with two-step verification, in their own browser) approve, the contact
 * address gets a single-use link, and the recovery ends with new backup codes and a new password. The old
 * password and the old backup codes no longer work. Email goes by SMTP to GreenMail; the operator set
 * no waiting period.
 */
class SupportCaseJourneyTest extends BrowserTestSupport {

    private static final Pattern LINK = Pattern.compile("/support/continue\\?token=[A-Za-z0-9_-]+");
    /** A 1x1 PNG, real enough for the server's check of what the file is. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @TempDir
    static Path uploads;

    @BeforeAll
    static void start() {
        startWithMail("--aikagi.support.require-two-approvals=true", "--aikagi.recovery.waiting-period=0s");
    }

    @Test
    void supportCaseWhenTwoAgentsApproveThenNewBackupCodesNewPasswordAndOldOnesRefused() throws Exception {
        Locale language = Locale.ENGLISH;
        Person person = TestPeople.person().named("support").build();
        String email = person.username().toLowerCase(Locale.ROOT) + "@example.test";
        String contact = "new-" + email;
        Path photo = Files.write(uploads.resolve("id.png"), PNG);

        try (Browser user = Browser.chromium().named("support-case-user").language(language).open(server.url(""));
             Browser agentOne = Browser.chromium().named("support-case-agent-one").language(language).open(server.url(""));
             Browser agentTwo = Browser.chromium().named("support-case-agent-two").language(language).open(server.url(""))) {

            // The account: the authenticator app (backup codes kept) and a verified email address.
            TwoFactorMethodsPage methods = SignUpPage.open(user).signUp(person).choose(person);
            AccountId account = methods.accountId();
            TotpSetupPage setup = methods.enableTotp(person);
            ShownBackupCodesPage shown = setup.confirm(setup.codeAt(Instant.now()));
            List<String> oldCodes = shown.codes();
            assertThat(oldCodes).hasSize(10);
            methods = shown.confirmSaved();
            int before = smtp.getReceivedMessages().length;
            EmailPage.Confirm emailConfirm = methods.email().send(email);
            methods = emailConfirm.confirm(code(content(awaitMail(email, before, m -> true))));
            LoginPage login = methods.logout();

            // The phone is lost: from "Forgot password?" to the support team, with a photo.
            RecoveryPages.Start.fromLogin(login, user);
            SupportPages.Request request = SupportPages.Request.fromRecovery(user);
            int mailsBeforeRequest = smtp.getReceivedMessages().length;
            SupportPages.Sent sent = request.send(person.username(), contact,
                    "I lost my phone with the authenticator app. I always log in from Firefox at home in Tokyo.", photo);
            assertThat(sent.text()).isNotBlank();
            awaitMail(contact, mailsBeforeRequest, m -> true);

            // Two agents, each signed in with a second step, approve one after the other.
            signInAsAgent(agentOne, "agent_one");
            signInAsAgent(agentTwo, "agent_two");

            SupportPages.Case first = SupportPages.Queue.open(agentOne).open(person.username());
            assertThat(first.text(SupportPages.Case.USERNAME)).isEqualTo(person.username());
            assertThat(first.text(SupportPages.Case.CONTACT)).isEqualTo(contact);
            assertThat(first.text(SupportPages.Case.STATEMENT)).contains("lost my phone");
            assertThat(first.files()).as("the photo listed as evidence").isEqualTo(1);
            int mailsBeforeApproval = smtp.getReceivedMessages().length;
            first = first.approve("The photo matches the account's details", "support-first-approval");
            assertThat(first.has(By.id("support-first-approval"))).isTrue();
            assertThat(first.text(SupportPages.Case.APPROVALS)).isEqualTo("agent_one");
            assertThat(first.text(SupportPages.Case.STATE))
                    .isNotEqualTo(server.message("support.state.APPROVED", language));

            SupportPages.Case second = SupportPages.Queue.open(agentTwo).open(person.username());
            assertThat(second.files()).isEqualTo(1);
            second = second.approve("Login places match the statement", "support-approved");
            assertThat(second.has(By.id("support-approved"))).isTrue();
            assertThat(second.text(SupportPages.Case.STATE))
                    .isEqualTo(server.message("support.state.APPROVED", language));
            assertThat(second.canDecide()).isFalse();

            // The contact address gets the single-use link; it leads into the recovery's last step.
            String mail = content(awaitMail(contact, mailsBeforeApproval, m -> {
                try {
                    return LINK.matcher(content(m)).find();
                } catch (Exception e) {
                    return false;
                }
            }));
            Matcher link = LINK.matcher(mail);
            assertThat(link.find()).isTrue();
            RecoveryPages.Waiting ready = SupportPages.Continue.open(user, link.group()).continueToRecovery();
            assertThat(ready.ready()).as("no waiting period on this server").isTrue();

            RecoveryPages.Codes codes = ready.continueToCodes();
            List<String> newCodes = codes.codes();
            assertThat(newCodes).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(oldCodes);
            String newPassword = "あたらしい合鍵のパスワード";
            RecoveryPages.Done done = codes.saved().set(newPassword);

            // The old password is refused.
            login = done.logIn();
            login.type(LoginPage.USERNAME, person.username());
            login.type(LoginPage.PASSWORD, person.password());
            user.clickAndWait(user.find(LoginPage.SUBMIT));
            login = new LoginPage(user, "old-password-refused");
            assertThat(login.requiredError()).isNotBlank();

            // The new password with a backup code: an old one is refused, a new one signs in.
            login.logIn(new Person(person.username(), newPassword));
            ChallengePage challenge = LoginMethodsPage.open(user).chooseBackupCode()
                    .submitRefused(oldCodes.get(1), "old-backup-code-refused");
            assertThat(challenge.requiredError()).contains(
                    server.message(PageMessages.loginFailure(LoginFailure.CODE_FROM_REPLACED_SET), language));
            BackupCodesLeftPage left = challenge.submitBackupCode(newCodes.get(0));
            assertThat(left.signedIn()).isTrue();
            assertThat(left.remaining()).isEqualTo(9);

            List<AuditEvent> events = server.auditEvents(account);
            assertThat(events).extracting(AuditEvent::type).containsSubsequence(
                    AuditType.SUPPORT_REQUESTED, AuditType.SUPPORT_APPROVAL_ADDED, AuditType.SUPPORT_APPROVED,
                    AuditType.SUPPORT_LINK_USED, AuditType.RECOVERY_COMPLETED, AuditType.BACKUP_CODE_USED);
            for (Browser browser : List.of(user, agentOne, agentTwo)) {
                assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots())
                        .isEmpty();
            }
        }
    }

    /** Signs up an agent, turns on the authenticator app, and logs in again with a backup code (AAL2). */
    private static void signInAsAgent(Browser browser, String username) {
        Person agent = new Person(username, "しずかな相談窓口の合言葉");
        TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(agent).choose(agent);
        server.grant(username, Role.SUPPORT_AGENT);
        TotpSetupPage setup = methods.enableTotp(agent);
        ShownBackupCodesPage shown = setup.confirm(setup.codeAt(Instant.now()));
        List<String> codes = shown.codes();
        shown.confirmSaved().logout().logIn(agent).tryAnotherWay().chooseBackupCode().submitBackupCode(codes.get(0));
    }




    private static String content(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }
}
