package dev.aikagi.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.PendingDeletion;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountDeletionTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.30");
    private static final String PASSWORD = "a long and private passphrase";
    private static final Pattern CANCEL = Pattern.compile("/account/deletion/cancel\\?token=([A-Za-z0-9_-]+)");

    private final TestWorld world = new TestWorld("2026-12-07T09:00:00Z", 17);
    private final AccountDeletion deletion = world.core.accountDeletion();
    private AccountId account;
    private Session session;

    @BeforeEach
    void signIn() {
        account = world.core.signUp().register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();
        // A phone for recovery and notices, not an SMS login method: the password alone opens a session here.
        world.channels.channels.save(new dev.aikagi.core.contact.ContactChannel(account,
                dev.aikagi.core.delivery.Channel.SMS, "+819012345678", "ja", false, world.clock.instant()));
        world.channels.addEmail(account, "hanako@example.jp", world.clock.instant());
        session = login();
    }

    private Session login() {
        LoginResult.Authenticated result = (LoginResult.Authenticated) world.login.submitPassword("hanako", PASSWORD, FROM);
        return world.sessions.open(result.flow(), Session.Kind.BROWSER).session();
    }

    @Test
    void scheduleWhenPasswordWrongThenRefusedAndNothingPending() {
        assertThat(deletion.schedule(session, "wrong", FROM).refusal()).contains(SettingsProblem.PASSWORD_WRONG);

        assertThat(deletion.pending(account)).isEmpty();
        assertThat(world.channels.sent).isEmpty();
    }

    @Test
    void scheduleWhenPasswordRightThenPendingForTheWaitAndEveryChannelGetsACancelLink() {
        PendingDeletion pending = deletion.schedule(session, PASSWORD, FROM).doneValue().orElseThrow();

        assertThat(pending.dueAt()).isEqualTo(world.clock.instant().plus(Duration.ofDays(7)));
        assertThat(deletion.pending(account)).contains(pending);
        assertThat(world.channels.to("+819012345678")).hasSize(1);
        assertThat(world.channels.to("hanako@example.jp")).hasSize(1);
        String token = token(world.channels.to("+819012345678").getFirst());
        assertThat(pending.cancelTokenHash()).doesNotContain(token);
        assertThat(types()).contains(AuditType.ACCOUNT_DELETION_SCHEDULED);
        assertThat(world.auditLog.recent(account, 50).toString()).doesNotContain(token);
    }

    @Test
    void scheduleWhenAlreadyPendingThenSameDeletionAndNoNewNotice() {
        PendingDeletion first = deletion.schedule(session, PASSWORD, FROM).doneValue().orElseThrow();
        world.clock.advance(Duration.ofHours(1));

        assertThat(deletion.schedule(session, PASSWORD, FROM).doneValue()).contains(first);
        assertThat(world.channels.sent).hasSize(2);
    }

    @Test
    void cancelWithLinkWhenBeforeDueThenKeptOnceWithoutLoggingIn() {
        deletion.schedule(session, PASSWORD, FROM);
        String token = token(world.channels.to("hanako@example.jp").getFirst());

        assertThat(deletion.cancelWithLink(token, FROM)).contains(account);
        assertThat(deletion.cancelWithLink(token, FROM)).isEmpty();
        assertThat(deletion.pending(account)).isEmpty();
        assertThat(types()).contains(AuditType.ACCOUNT_DELETION_CANCELLED);
    }

    @Test
    void cancelWithLinkWhenUnknownOrOverlongThenNothing() {
        deletion.schedule(session, PASSWORD, FROM);

        assertThat(deletion.cancelWithLink("not-the-token", FROM)).isEmpty();
        assertThat(deletion.cancelWithLink("x".repeat(200), FROM)).isEmpty();
        assertThat(deletion.cancelWithLink(null, FROM)).isEmpty();
        assertThat(deletion.pending(account)).isPresent();
    }

    @Test
    void reportNotMeWhenDeletionPendingThenCancelled() {
        deletion.schedule(session, PASSWORD, FROM);
        world.audit.record(AuditType.LOGIN_NEW_DEVICE, account, FROM.value());
        Matcher m = Pattern.compile("/security/not-me\\?token=([A-Za-z0-9_-]+)")
                .matcher(world.channels.to("hanako@example.jp").getLast().body());
        assertThat(m.find()).isTrue();

        assertThat(world.notifications.reportNotMe(m.group(1), FROM.value())).contains(account);

        assertThat(deletion.pending(account)).isEmpty();
        assertThat(world.auditLog.recent(account, 50)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditType.ACCOUNT_DELETION_CANCELLED);
            assertThat(e.details()).containsEntry("by", "reported");
        });
    }

    @Test
    void cancelWhenSignedInThenKept() {
        deletion.schedule(session, PASSWORD, FROM);

        assertThat(deletion.cancel(session, FROM)).isTrue();
        assertThat(deletion.cancel(session, FROM)).isFalse();
        assertThat(deletion.pending(account)).isEmpty();
    }

    @Test
    void eraseDueWhenTimeIsUpThenAccountAndSessionsGoAndTheLinkNoLongerWorks() {
        deletion.schedule(session, PASSWORD, FROM);
        String token = token(world.channels.to("hanako@example.jp").getFirst());
        world.clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(deletion.eraseDue()).isZero();
        Session later = login();

        world.clock.advance(Duration.ofMinutes(1));
        assertThat(deletion.cancelWithLink(token, FROM)).isEmpty();
        assertThat(deletion.eraseDue()).isEqualTo(1);

        assertThat(world.accounts.findById(account)).isEmpty();
        assertThat(world.erasures.erased()).containsExactly(account);
        assertThat(world.sessionRepository.findByTokenHash(later.tokenHash())).isEmpty();
        assertThat(types()).contains(AuditType.ACCOUNT_ERASED);
        assertThat(deletion.eraseDue()).isZero();
    }

    @Test
    void scheduleWhenTwoStepOnAndSessionOnlyProvedThePasswordThenSecondFactorRequired() {
        var enrollment = world.twoStep.startTotp(session).doneValue().orElseThrow();
        byte[] key = dev.aikagi.core.factor.totp.Base32.decode(enrollment.base32Secret()).orElseThrow();
        world.twoStep.confirmTotp(session, dev.aikagi.core.factor.totp.Totp.codeAt(key, world.clock.instant(),
                dev.aikagi.core.factor.totp.TotpParameters.DEFAULT), FROM);
        world.clock.advance(Duration.ofSeconds(30));
        LoginResult passwordOnly = world.login.submitPassword("hanako", PASSWORD, FROM);
        assertThat(passwordOnly).isInstanceOf(LoginResult.SecondFactorRequired.class);
        Session aal1 = new Session(java.util.UUID.randomUUID(), "hash", account, List.of("pwd"),
                dev.aikagi.core.session.AssuranceLevel.AAL1, world.clock.instant(), world.clock.instant(), null,
                Session.Kind.BROWSER);

        assertThat(deletion.schedule(aal1, PASSWORD, FROM).refusal()).contains(SettingsProblem.SECOND_FACTOR_REQUIRED);
    }

    private List<AuditType> types() {
        return world.auditLog.recent(account, 50).stream().map(AuditEvent::type).toList();
    }

    private static String token(Message message) {
        Matcher m = CANCEL.matcher(message.body());
        assertThat(m.find()).as("a cancel link in %s", message.body()).isTrue();
        return m.group(1);
    }
}
