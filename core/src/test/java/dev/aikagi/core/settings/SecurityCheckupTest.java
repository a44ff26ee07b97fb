package dev.aikagi.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.SecurityCheckup.AfterLogin;
import dev.aikagi.core.settings.SecurityCheckup.Kind;
import dev.aikagi.core.settings.SecurityCheckup.State;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityCheckupTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.40");
    private static final String PASSWORD = "a long and private passphrase";

    private final TestWorld world = new TestWorld("2026-12-07T09:00:00Z", 18);
    private final SecurityCheckup checkup = world.core.securityCheckup();
    private AccountId account;
    private Session session;

    @BeforeEach
    void signIn() {
        account = world.core.signUp().register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();
        session = login();
    }

    private Session login() {
        LoginResult.Authenticated result = (LoginResult.Authenticated) world.login.submitPassword("hanako", PASSWORD, FROM);
        return world.sessions.open(result.flow(), Session.Kind.BROWSER).session();
    }

    @Test
    void checkWhenNewAccountThenImportantItemsNeedAttention() {
        SecurityCheckup.Checkup result = checkup.check(session);

        assertThat(result.items()).extracting(SecurityCheckup.Item::kind).containsExactly(Kind.values());
        assertThat(result.item(Kind.TWO_STEP).state()).isEqualTo(State.NEEDS_ATTENTION);
        assertThat(result.item(Kind.SECOND_STEP_KINDS).facts()).containsEntry("count", "0");
        assertThat(result.item(Kind.BACKUP_CODES).state()).isEqualTo(State.NEEDS_ATTENTION);
        assertThat(result.item(Kind.RECOVERY_EMAIL).state()).isEqualTo(State.NEEDS_ATTENTION);
        assertThat(result.item(Kind.SESSIONS).state()).isEqualTo(State.GOOD);
        assertThat(result.item(Kind.RECENT_EVENTS).state()).isEqualTo(State.GOOD);
        assertThat(result.canRecover()).isFalse();
        assertThat(result.worthNudging()).isTrue();
    }

    @Test
    void checkWhenAppPhoneEmailAndCodesThenEveryImportantItemGood() {
        enableApp();
        world.channels.addPhone(account, "+819012345678", world.clock.instant());
        world.channels.addEmail(account, "hanako@example.jp", world.clock.instant());

        SecurityCheckup.Checkup result = checkup.check(session);

        assertThat(result.item(Kind.TWO_STEP).good()).isTrue();
        assertThat(result.item(Kind.SECOND_STEP_KINDS).facts()).containsEntry("kinds", "app,sms");
        assertThat(result.item(Kind.BACKUP_CODES).facts()).containsEntry("remaining", "10").containsKey("createdAt");
        assertThat(result.canRecover()).isTrue();
        assertThat(result.worthNudging()).isFalse();
        assertThat(checkup.afterLogin(session, false)).isEqualTo(AfterLogin.NONE);
    }

    @Test
    void checkWhenOnlyTheAppThenOneKindNeedsAttentionButNoNudgeWithAnEmail() {
        enableApp();
        world.channels.addEmail(account, "hanako@example.jp", world.clock.instant());

        SecurityCheckup.Checkup result = checkup.check(session);

        assertThat(result.item(Kind.SECOND_STEP_KINDS).state()).isEqualTo(State.NEEDS_ATTENTION);
        assertThat(result.item(Kind.RECOVERY_PHONE).state()).isEqualTo(State.NEEDS_ATTENTION);
        assertThat(result.canRecover()).isFalse();
        assertThat(result.worthNudging()).isFalse();
    }

    @Test
    void checkWhenAnotherSessionAndAWrongCodeThenBothToReview() {
        login();
        world.audit.record(dev.aikagi.core.audit.AuditType.LOGIN_SECOND_FACTOR_FAILED, account, FROM.value());

        SecurityCheckup.Checkup result = checkup.check(session);

        assertThat(result.item(Kind.SESSIONS).facts()).containsEntry("sessions", "2");
        assertThat(result.item(Kind.SESSIONS).state()).isEqualTo(State.NEEDS_ATTENTION);
        assertThat(result.item(Kind.RECENT_EVENTS).facts()).containsEntry("count", "1");
        assertThat(result.item(Kind.RECENT_EVENTS).state()).isEqualTo(State.NEEDS_ATTENTION);
    }

    @Test
    void afterLoginWhenSomethingImportantMissingThenNudgeAtMostOnceAWeekHeldByThatSession() {
        assertThat(checkup.afterLogin(session, false)).isEqualTo(AfterLogin.NUDGE);
        assertThat(checkup.nudgeShownTo(session)).isTrue();
        Session second = login();
        assertThat(checkup.afterLogin(second, false)).isEqualTo(AfterLogin.NONE);
        assertThat(checkup.nudgeShownTo(second)).isFalse();

        world.clock.advance(Duration.ofDays(7).plusSeconds(1));
        Session nextWeek = login();
        assertThat(checkup.afterLogin(nextWeek, false)).isEqualTo(AfterLogin.NUDGE);
        assertThat(checkup.nudgeShownTo(nextWeek)).isTrue();
        assertThat(checkup.nudgeShownTo(session)).isFalse();
    }

    @Test
    void afterLoginWhenARecoveryEmailButNoTwoStepThenNudgeAsTheCheckupSays() {
        world.channels.addEmail(account, "hanako@example.jp", world.clock.instant());

        assertThat(checkup.check(session).worthNudging()).isTrue();
        assertThat(checkup.afterLogin(session, false)).isEqualTo(AfterLogin.NUDGE);
    }

    @Test
    void afterLoginWhenGoingBackToAnApplicationThenNoNudgeAndTheWeekNotUsedUp() {
        assertThat(checkup.afterLogin(session, true)).isEqualTo(AfterLogin.NONE);

        assertThat(checkup.afterLogin(login(), false)).isEqualTo(AfterLogin.NUDGE);
    }

    @Test
    void putOffNudgeWhenShownThenGoneUntilNextWeek() {
        checkup.afterLogin(session, false);

        checkup.putOffNudge(session);

        assertThat(checkup.nudgeShownTo(session)).isFalse();
        assertThat(checkup.afterLogin(login(), false)).isEqualTo(AfterLogin.NONE);
    }

    @Test
    void afterLoginWhenDismissedThenNeverAgain() {
        checkup.afterLogin(session, false);
        checkup.dismissNudge(session);

        assertThat(checkup.nudgeShownTo(session)).isFalse();
        world.clock.advance(Duration.ofDays(30));
        assertThat(checkup.afterLogin(login(), false)).isEqualTo(AfterLogin.NONE);
    }

    @Test
    void afterLoginWhenDeletionPendingThenShownEveryTime() {
        world.core.accountDeletion().schedule(session, PASSWORD, FROM);

        assertThat(checkup.afterLogin(login(), false)).isEqualTo(AfterLogin.DELETION_PENDING);
        assertThat(checkup.afterLogin(login(), true)).isEqualTo(AfterLogin.DELETION_PENDING);
    }

    /** Issue 17: the browsers and apps that skip the second step are counted with the sessions to review. */
    @Test
    void checkWhenTrustedDevicesThenCountedBesideTheSessions() {
        assertThat(checkup.check(session).item(Kind.SESSIONS).facts()).containsEntry("trustedDevices", "0");
        world.trustedDeviceRepository.add(new dev.aikagi.core.trust.TrustedDevice(java.util.UUID.randomUUID(), account,
                dev.aikagi.core.trust.TrustedDevice.Kind.BROWSER,
                new dev.aikagi.core.crypto.KeyedDigest("k1", new byte[16], new byte[32]), "chrome/windows",
                world.clock.instant(), world.clock.instant(), "192.0.2.0/24", world.clock.instant().plus(Duration.ofDays(30))));

        assertThat(checkup.check(session).item(Kind.SESSIONS).facts()).containsEntry("trustedDevices", "1");
    }

    private void enableApp() {
        var enrollment = world.twoStep.startTotp(session).doneValue().orElseThrow();
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        var confirmed = world.twoStep.confirmTotp(session, Totp.codeAt(key, world.clock.instant(),
                TotpParameters.DEFAULT), FROM).doneValue().orElseThrow();
        session = confirmed.raised().orElseThrow().session();
        world.clock.advance(Duration.ofSeconds(30));
    }
}
