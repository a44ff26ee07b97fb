package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.core.settings.TwoStepSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 2: a new second factor ends the weaker sessions, and a session that proved only the password
 * cannot change what protects an account with two-step verification on until it steps up.
 */
class SecondFactorSessionsTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.77");
    private static final String PASSWORD = "夕立のあとの虹を待つ";
    private static final String MOBILE = "+819012345678";

    private final TestWorld world = new TestWorld("2026-12-01T09:00:00Z", 41);
    private final TwoStepSettings twoStep = world.twoStep;
    private final ContactSettings contacts = new ContactSettings(world.channels.channels, world.channels.sender, twoStep,
            world.guard, world.audit, world.notifications, "JP", world.clock);
    private final PasswordChange passwords = new PasswordChange(world.accounts, world.hasher,
            new PasswordPolicy(Set.of()), twoStep, world.sessions, world.audit, world.core.trustedDevices());
    private final StepUp stepUp = new StepUp(world.totp, world.backupCodes, world.channels.sms, world.guard,
            world.sessions, world.audit, world.clock, world.core.passkeys());

    private AccountId account;

    @BeforeEach
    void signUp() {
        account = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator, world.audit,
                world.clock).register("natsuko", PASSWORD, FROM.value()).doneValue().orElseThrow();
    }

    private Sessions.Opened logIn(Session.Kind kind) {
        LoginResult.Authenticated result = (LoginResult.Authenticated) world.login.submitPassword("natsuko", PASSWORD, FROM);
        return world.sessions.open(result.flow(), kind);
    }

    /** Turns two-step verification on with the app from {@code session}; the key. */
    private record Enabled(byte[] key, TwoStepSettings.TotpConfirmed confirmed) {
    }

    private Enabled enableTotp(Session session) {
        TotpEnrollment enrollment = twoStep.startTotp(session).doneValue().orElseThrow();
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        TwoStepSettings.TotpConfirmed confirmed = twoStep.confirmTotp(session, code(key), FROM).doneValue().orElseThrow();
        world.clock.advance(Duration.ofSeconds(30));
        return new Enabled(key, confirmed);
    }

    private String code(byte[] key) {
        return Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT);
    }

    /** A session at AAL1 on the account as it is now (one kept from before this release, or from any other path). */
    private Session passwordOnlySession() {
        Session session = new Session(world.generator.uuid(), SessionTokens.hash(new SessionTokens(world.generator).newToken()),
                account, List.of("pwd"), AssuranceLevel.AAL1, world.clock.instant(), world.clock.instant(),
                world.clock.instant(), Session.Kind.API);
        world.sessionRepository.create(session);
        return session;
    }

    @Test
    void confirmTotpWhenFirstMethodThenOtherSessionsEndedAndThisOneRaisedWithNewToken() {
        Sessions.Opened here = logIn(Session.Kind.BROWSER);
        Sessions.Opened older = logIn(Session.Kind.BROWSER);
        Sessions.Opened app = logIn(Session.Kind.API);

        Enabled enabled = enableTotp(here.session());

        Sessions.Raised raised = enabled.confirmed().raised().orElseThrow();
        assertThat(raised.session().assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(raised.session().amr()).containsExactly("pwd", "otp");
        assertThat(raised.newToken()).isPresent();
        assertThat(world.sessions.find(raised.newToken().get())).hasValueSatisfying(
                s -> assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL2));
        assertThat(world.sessions.find(here.token())).as("the token before the step").isEmpty();
        assertThat(world.sessions.find(older.token())).isEmpty();
        assertThat(world.sessions.find(app.token())).isEmpty();
        AuditEvent enabledEvent = world.auditLog.recent(account, 20).stream()
                .filter(e -> e.type() == AuditType.TWO_STEP_ENABLED).findFirst().orElseThrow();
        assertThat(enabledEvent.details()).containsEntry("sessionsEnded", "2");
    }

    @Test
    void confirmPhoneWhenFirstMethodFromApiSessionThenOthersEndedAndSameTokenRaised() {
        Sessions.Opened app = logIn(Session.Kind.API);
        Sessions.Opened browser = logIn(Session.Kind.BROWSER);

        contacts.requestPhone(app.session(), MOBILE, "ja", FROM);
        ContactSettings.PhoneConfirmed confirmed = contacts.confirmPhone(app.session(),
                world.channels.lastCode(MOBILE), "ja", FROM).doneValue().orElseThrow();

        assertThat(confirmed.firstBackupCodes()).isPresent();
        assertThat(confirmed.raised()).hasValueSatisfying(r -> assertThat(r.newToken()).isEmpty());
        assertThat(world.sessions.find(app.token())).hasValueSatisfying(s -> {
            assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL2);
            assertThat(s.amr()).containsExactly("pwd", "sms");
        });
        assertThat(world.sessions.find(browser.token())).isEmpty();
    }

    @Test
    void changesWhenSessionProvedOnlyThePasswordThenSecondFactorRequiredForEach() {
        Enabled enabled = enableTotp(logIn(Session.Kind.BROWSER).session());
        Session weak = passwordOnlySession();

        assertThat(twoStep.needsSecondFactor(weak)).isTrue();
        SettingsProblem required = SettingsProblem.SECOND_FACTOR_REQUIRED;
        assertThat(twoStep.startTotp(weak).refusal()).contains(required);
        assertThat(twoStep.confirmTotp(weak, code(enabled.key()), FROM).refusal()).contains(required);
        assertThat(twoStep.regenerateBackupCodes(weak, PASSWORD, FROM).refusal()).contains(required);
        assertThat(twoStep.revealBackupCodes(weak, PASSWORD, FROM).refusal()).contains(required);
        assertThat(twoStep.backupCodesFor(weak, AuditType.BACKUP_CODES_DOWNLOADED, FROM).refusal()).contains(required);
        assertThat(twoStep.backupCodesFor(weak, AuditType.BACKUP_CODES_VIEWED, FROM).refusal()).contains(required);
        assertThat(twoStep.removeMethod(weak, FactorKind.TOTP, PASSWORD, FROM).refusal()).contains(required);
        assertThat(twoStep.disable(weak, PASSWORD, FactorKind.TOTP, code(enabled.key()), FROM).refusal()).contains(required);
        assertThat(contacts.requestPhone(weak, MOBILE, "ja", FROM).refusal()).contains(required);
        assertThat(contacts.confirmPhone(weak, "123456", "ja", FROM).refusal()).contains(required);
        assertThat(contacts.requestEmail(weak, "natsuko@example.jp", "ja", FROM).refusal()).contains(required);
        assertThat(contacts.confirmEmail(weak, "123456", "ja", FROM).refusal()).contains(required);
        assertThat(passwords.change(weak, PASSWORD, "a completely new passphrase", FROM).refusal()).contains(required);
        // Refused before the password is checked: no guess was counted and nothing was sent.
        assertThat(world.auditLog.recent(account, 50)).extracting(AuditEvent::type)
                .doesNotContain(AuditType.CODE_SENT, AuditType.BACKUP_CODES_VIEWED, AuditType.PASSWORD_CHANGED);
        assertThat(world.totp.isEnrolled(account)).isTrue();
    }

    @Test
    void changesWhenTwoStepOffThenPasswordOnlySessionAllowedAsBefore() {
        Session plain = logIn(Session.Kind.BROWSER).session();

        assertThat(twoStep.needsSecondFactor(plain)).isFalse();
        assertThat(twoStep.startTotp(plain).isDone()).isTrue();
        assertThat(passwords.change(plain, PASSWORD, "a completely new passphrase", FROM).isDone()).isTrue();
    }

    @Test
    void stepUpWhenAppCodeRightThenRaisedAndChangesAllowed() {
        Enabled enabled = enableTotp(logIn(Session.Kind.BROWSER).session());
        Session weak = passwordOnlySession();

        assertThat(stepUp.methods(account)).containsExactlyInAnyOrder(FactorKind.TOTP, FactorKind.BACKUP_CODE);
        assertThat(stepUp.verify(weak, FactorKind.TOTP, "000000".equals(code(enabled.key())) ? "111111" : "000000", FROM)
                .refusal()).contains(SettingsProblem.CODE_INVALID);
        Sessions.Raised raised = stepUp.verify(weak, FactorKind.TOTP, code(enabled.key()), FROM).doneValue().orElseThrow();

        assertThat(raised.session().assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(raised.session().amr()).containsExactly("pwd", "otp");
        assertThat(twoStep.needsSecondFactor(raised.session())).isFalse();
        assertThat(twoStep.revealBackupCodes(raised.session(), PASSWORD, FROM).isDone()).isTrue();
        assertThat(world.auditLog.recent(account, 30)).extracting(AuditEvent::type)
                .contains(AuditType.STEPPED_UP, AuditType.LOGIN_SECOND_FACTOR_FAILED);
    }

    @Test
    void stepUpWhenBackupCodeThenUsedUpAndSmsCodeBoundToTheSession() {
        Session first = logIn(Session.Kind.API).session();
        contacts.requestPhone(first, MOBILE, "ja", FROM);
        IssuedBackupCodes codes = contacts.confirmPhone(first, world.channels.lastCode(MOBILE), "ja", FROM).doneValue()
                .orElseThrow().firstBackupCodes().orElseThrow();
        Session weak = passwordOnlySession();
        Session other = passwordOnlySession();

        assertThat(stepUp.verify(weak, FactorKind.BACKUP_CODE, codes.codes().get(0), FROM).isDone()).isTrue();
        assertThat(stepUp.verify(other, FactorKind.BACKUP_CODE, codes.codes().get(0), FROM).refusal())
                .contains(SettingsProblem.CODE_ALREADY_USED);

        assertThat(stepUp.sendCode(other, FROM).doneValue()).hasValueSatisfying(s -> assertThat(s.destination()).endsWith("78"));
        String sms = world.channels.lastCode(MOBILE);
        Session third = passwordOnlySession();
        assertThat(stepUp.verify(third, FactorKind.SMS, sms, FROM).refusal()).as("another session's code")
                .contains(SettingsProblem.CODE_INVALID);
        assertThat(stepUp.verify(other, FactorKind.SMS, sms, FROM).doneValue())
                .hasValueSatisfying(r -> assertThat(r.session().amr()).containsExactly("pwd", "sms"));
    }

    @Test
    void stepUpWhenWrongCodesRepeatedThenThrottledOnTheLoginBudget() {
        enableTotp(logIn(Session.Kind.BROWSER).session());
        Session weak = passwordOnlySession();

        Outcome<Sessions.Raised, SettingsProblem> last = null;
        for (int i = 0; i < 30 && (last == null || last.refusal().orElseThrow() == SettingsProblem.CODE_INVALID); i++) {
            last = stepUp.verify(weak, FactorKind.BACKUP_CODE, "1234 5678", FROM);
        }

        assertThat(last.refusal()).hasValueSatisfying(p -> assertThat(p).isIn(SettingsProblem.TOO_MANY_ATTEMPTS,
                SettingsProblem.METHOD_LOCKED));
        // The budget is the login's: a login's second step with a backup code is throttled as well.
        LoginResult login = world.login.submitPassword("natsuko", PASSWORD, FROM);
        LoginResult second = world.login.verifySecondFactor(((LoginResult.SecondFactorRequired) login).flow().id(),
                FactorKind.BACKUP_CODE, "1234 5678", FROM);
        assertThat(second).isInstanceOf(LoginResult.Failed.class);
        assertThat(((LoginResult.Failed) second).failure()).isIn(LoginFailure.TOO_MANY_ATTEMPTS, LoginFailure.METHOD_LOCKED);
    }

    @Test
    void recoverySessionWhenSmsLoginRemainsThenNotBlockedNotRaisedAndCannotStepUp() {
        Session first = logIn(Session.Kind.API).session();
        contacts.requestPhone(first, MOBILE, "ja", FROM);
        contacts.confirmPhone(first, world.channels.lastCode(MOBILE), "ja", FROM);
        Sessions.Opened recovery = world.sessions.openRecovery(account, Session.Kind.API);

        assertThat(twoStep.needsSecondFactor(recovery.session())).isFalse();
        assertThat(twoStep.regenerateBackupCodes(recovery.session(), PASSWORD, FROM).isDone()).isTrue();
        assertThat(passwords.change(recovery.session(), null, "a completely new passphrase", FROM).isDone()).isTrue();
        Enabled app = enableTotp(recovery.session());
        assertThat(app.confirmed().raised()).isEmpty();
        assertThat(world.sessions.find(recovery.token())).hasValueSatisfying(s -> {
            assertThat(s.isRecovery()).isTrue();
            assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL1);
        });
        assertThat(stepUp.verify(recovery.session(), FactorKind.TOTP, code(app.key()), FROM).isDone()).isFalse();
        assertThat(world.sessions.find(recovery.token()).orElseThrow().isRecovery()).isTrue();
    }

    @Test
    void backupCodesForWhenSignedInMomentsAgoButPasswordNotReenteredThenReauthenticationRequired() {
        Enabled enabled = enableTotp(logIn(Session.Kind.API).session());
        Session session = enabled.confirmed().raised().orElseThrow().session();

        assertThat(twoStep.isRecentlyAuthenticated(session)).isTrue();
        assertThat(twoStep.backupCodesFor(session, AuditType.BACKUP_CODES_DOWNLOADED, FROM).refusal())
                .contains(SettingsProblem.REAUTHENTICATION_REQUIRED);
        assertThat(twoStep.backupCodesFor(session, AuditType.BACKUP_CODES_VIEWED, FROM).refusal())
                .contains(SettingsProblem.REAUTHENTICATION_REQUIRED);
        Session shown = twoStep.reauthenticate(session, PASSWORD, FROM).doneValue().orElseThrow();
        assertThat(twoStep.backupCodesFor(shown, AuditType.BACKUP_CODES_DOWNLOADED, FROM).isDone()).isTrue();
        assertThat(Optional.of(shown.assurance())).contains(AssuranceLevel.AAL2);
    }
}
