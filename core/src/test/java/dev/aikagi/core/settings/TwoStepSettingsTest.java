package dev.aikagi.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.InMemoryBackupCodeRepository;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.AuthenticatorApp;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.InMemoryTotpFactorRepository;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.InMemoryLoginFlowRepository;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.notify.InMemoryKnownDeviceRepository;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.core.session.InMemoryAccountLinkRepository;
import dev.aikagi.core.session.InMemorySessionRepository;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.trust.InMemoryTrustedDeviceRepository;
import dev.aikagi.core.trust.TrustedDevices;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwoStepSettingsTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.20");
    private static final String PASSWORD = "a long and private passphrase";

    private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
    private final SecretGenerator generator = TestSecrets.generator(5);
    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final Auditor audit = new Auditor(auditLog, generator, clock);
    private final PasswordHasher hasher = new PasswordHasher(new Argon2Settings(64, 1, 1), generator);
    private final TotpAuthenticator totp = new TotpAuthenticator(new InMemoryTotpFactorRepository(),
            new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, TotpParameters.DEFAULT, "Aikagi");
    private final BackupCodes backupCodes = new BackupCodes(new InMemoryBackupCodeRepository(),
            new CodeDigester(TestSecrets.keyRing("p1"), generator), new SecretCipher(TestSecrets.keyRing("e1"), generator),
            generator, BackupCodePolicy.DEFAULT);
    private final InMemoryAttemptRepository attempts = new InMemoryAttemptRepository();
    private final AttemptGuard guard = new AttemptGuard(attempts, AttemptPolicy.DEFAULT);
    private final TestChannels channels = new TestChannels(generator, attempts, clock);
    private final InMemorySessionRepository sessionRepository = new InMemorySessionRepository();
    private final Sessions sessions = new Sessions(sessionRepository, new InMemoryAccountLinkRepository(),
            new SessionTokens(generator), generator, clock);
    private final LoginService login = new LoginService(accounts, hasher, totp, backupCodes, channels.sms, new InMemoryLoginFlowRepository(),
            guard, new KnownDevices(new InMemoryKnownDeviceRepository(), generator, audit, clock), generator, audit, clock);
    private final TrustedDevices trusted = new TrustedDevices(new InMemoryTrustedDeviceRepository(),
            new CodeDigester(TestSecrets.keyRing("p1"), generator), generator, audit, clock, Duration.ofDays(30));
    private final TwoStepSettings settings = new TwoStepSettings(accounts, hasher, totp, backupCodes, channels.sms, guard, sessions, audit,
            Transactions.none(), clock, trusted);

    private AccountId account;
    private Session session;

    @BeforeEach
    void signIn() {
        account = new SignUp(accounts, hasher, new PasswordPolicy(Set.of()), generator, audit, clock)
                .register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();
        LoginResult.Authenticated result = (LoginResult.Authenticated) login.submitPassword("hanako", PASSWORD, FROM);
        session = sessions.open(result.flow(), Session.Kind.BROWSER).session();
    }

    private byte[] enable() {
        TotpEnrollment enrollment = settings.startTotp(session).doneValue().orElseThrow();
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        Outcome<TwoStepSettings.TotpConfirmed, SettingsProblem> confirmed =
                settings.confirmTotp(session, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM);
        assertThat(confirmed.isDone()).isTrue();
        // Turning two-step verification on raised this session to AAL2 (issue 14); go on with it.
        session = confirmed.doneValue().orElseThrow().raised().orElseThrow().session();
        clock.advance(Duration.ofSeconds(30));
        return key;
    }

    @Test
    void confirmTotpWhenFirstTimeThenTwoStepOnWithFirstBackupCodes() {
        TotpEnrollment enrollment = settings.startTotp(session).doneValue().orElseThrow();
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();

        TwoStepSettings.TotpConfirmed confirmed = settings.confirmTotp(session,
                Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM).doneValue().orElseThrow();

        assertThat(confirmed.firstBackupCodes()).hasValueSatisfying(c -> assertThat(c.codes()).hasSize(10));
        TwoStepStatus status = settings.status(account);
        assertThat(status.enabled()).isTrue();
        assertThat(status.backupCodesRemaining()).isEqualTo(10);
        assertThat(auditLog.recent(account, 10)).extracting(e -> e.type())
                .contains(AuditType.TOTP_ENROLLED, AuditType.TWO_STEP_ENABLED, AuditType.BACKUP_CODES_CREATED);
    }

    @Test
    void confirmTotpWhenAddingAnotherAuthenticatorThenBothKeptAndNoNewCodes() {
        byte[] first = enable();
        TotpEnrollment next = settings.startTotp(session, "  work phone ").doneValue().orElseThrow();
        byte[] key = Base32.decode(next.base32Secret()).orElseThrow();

        TwoStepSettings.TotpConfirmed confirmed = settings.confirmTotp(session,
                Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM).doneValue().orElseThrow();

        assertThat(confirmed.firstBackupCodes()).isEmpty();
        assertThat(settings.authenticators(account)).extracting(AuthenticatorApp::name).containsExactly("", "work phone");
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(account, Totp.codeAt(first, clock.instant(), TotpParameters.DEFAULT), clock.instant())
                .isAccepted()).isTrue();
    }

    @Test
    void confirmTotpWhenNameGivenAtConfirmThenItWins() {
        enable();
        TotpEnrollment next = settings.startTotp(session, "old name").doneValue().orElseThrow();
        byte[] key = Base32.decode(next.base32Secret()).orElseThrow();

        settings.confirmTotp(session, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), "仕事用スマホ", FROM)
                .doneValue().orElseThrow();

        assertThat(settings.authenticators(account)).extracting(AuthenticatorApp::name).containsExactly("", "仕事用スマホ");
    }

    @Test
    void startTotpWhenNameTooLongOrAccountFullThenRefused() {
        enable();
        assertThat(settings.startTotp(session, "x".repeat(41)).refusal())
                .contains(SettingsProblem.AUTHENTICATOR_NAME_INVALID);
        for (int i = 1; i < TotpAuthenticator.MAX_CONFIRMED; i++) {
            TotpEnrollment next = settings.startTotp(session, "app " + i).doneValue().orElseThrow();
            byte[] key = Base32.decode(next.base32Secret()).orElseThrow();
            assertThat(settings.confirmTotp(session, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM)
                    .isDone()).isTrue();
        }
        assertThat(settings.authenticators(account)).hasSize(TotpAuthenticator.MAX_CONFIRMED);

        assertThat(settings.startTotp(session, "one more").refusal()).contains(SettingsProblem.TOO_MANY_AUTHENTICATORS);
    }

    @Test
    void pendingTotpWhenWaitingThenSameKeyAgain() {
        assertThat(settings.pendingTotp(session).refusal()).contains(SettingsProblem.NO_PENDING_ENROLLMENT);
        TotpEnrollment started = settings.startTotp(session, "home").doneValue().orElseThrow();
        settings.confirmTotp(session, "12345", FROM);

        assertThat(settings.pendingTotp(session).doneValue()).contains(started);
        assertThat(settings.pendingTotpName(account)).isEqualTo("home");
    }

    @Test
    void removeAuthenticatorWhenOneOfTwoThenRemovedAuditedAndOtherStillWorks() {
        enable();
        TotpEnrollment next = settings.startTotp(session, "work phone").doneValue().orElseThrow();
        byte[] second = Base32.decode(next.base32Secret()).orElseThrow();
        settings.confirmTotp(session, Totp.codeAt(second, clock.instant(), TotpParameters.DEFAULT), FROM);
        java.util.UUID firstId = settings.authenticators(account).get(0).id();

        assertThat(settings.removeAuthenticator(session, java.util.UUID.randomUUID(), PASSWORD, FROM).refusal())
                .contains(SettingsProblem.AUTHENTICATOR_NOT_FOUND);
        assertThat(settings.removeAuthenticator(session, firstId, "not my password", FROM).refusal())
                .contains(SettingsProblem.PASSWORD_WRONG);
        assertThat(settings.authenticators(account)).hasSize(2);
        TwoStepStatus status = settings.removeAuthenticator(session, firstId, PASSWORD, FROM).doneValue().orElseThrow();

        assertThat(status.totpEnrolled()).isTrue();
        assertThat(settings.authenticators(account)).extracting(AuthenticatorApp::name).containsExactly("work phone");
        assertThat(auditLog.recent(account, 5)).extracting(e -> e.type()).contains(AuditType.TOTP_REMOVED);
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(account, Totp.codeAt(second, clock.instant(), TotpParameters.DEFAULT), clock.instant())
                .isAccepted()).isTrue();
        java.util.UUID last = settings.authenticators(account).get(0).id();
        assertThat(settings.removeAuthenticator(session, last, PASSWORD, FROM).refusal())
                .contains(SettingsProblem.LAST_METHOD);
    }

    @Test
    void disableWhenSmsOnlyThenTextedCodeTurnsItOff() {
        channels.addPhone(account, "+819012345678", clock.instant());
        session = sessions.raise(session, FactorKind.SMS).orElseThrow().session();

        assertThat(settings.disable(session, PASSWORD, FactorKind.SMS, "123456", FROM).refusal())
                .contains(SettingsProblem.CODE_INVALID);
        assertThat(settings.sendDisableCode(session, FROM).doneValue()).hasValueSatisfying(sent ->
                assertThat(sent.destination()).doesNotContain("12345678"));
        String code = channels.lastCode("+819012345678");
        assertThat(settings.disable(session, "wrong wrong wrong", FactorKind.SMS, code, FROM).refusal())
                .contains(SettingsProblem.PASSWORD_WRONG);
        TwoStepStatus off = settings.disable(session, PASSWORD, FactorKind.SMS, code, FROM).doneValue().orElseThrow();

        assertThat(off.enabled()).isFalse();
        assertThat(auditLog.recent(account, 30)).extracting(e -> e.type()).contains(AuditType.TWO_STEP_DISABLED);
    }

    @Test
    void disableWhenSmsNotAMethodThenNotAvailable() {
        enable();

        assertThat(settings.sendDisableCode(session, FROM).refusal()).contains(SettingsProblem.METHOD_NOT_AVAILABLE);
        assertThat(settings.disable(session, PASSWORD, FactorKind.SMS, "123456", FROM).refusal())
                .contains(SettingsProblem.METHOD_NOT_AVAILABLE);
    }

    @Test
    void startTotpWhenSignInOlderThanWindowThenReauthenticationRequiredUntilPasswordEntered() {
        clock.advance(Session.REAUTH_WINDOW);

        assertThat(settings.startTotp(session).refusal()).contains(SettingsProblem.REAUTHENTICATION_REQUIRED);
        assertThat(settings.reauthenticate(session, "wrong password!", FROM).refusal()).contains(SettingsProblem.PASSWORD_WRONG);
        Session reauthenticated = settings.reauthenticate(session, PASSWORD, FROM).doneValue().orElseThrow();
        assertThat(settings.startTotp(reauthenticated).isDone()).isTrue();
    }

    @Test
    void confirmTotpWhenNothingPendingOrWrongCodeThenProblem() {
        assertThat(settings.confirmTotp(session, "123456", FROM).refusal()).contains(SettingsProblem.NO_PENDING_ENROLLMENT);
        settings.startTotp(session);
        assertThat(settings.confirmTotp(session, "12345", FROM).refusal()).contains(SettingsProblem.CODE_MALFORMED);
    }

    @Test
    void regenerateWhenPasswordRightThenNewSetAndOldCodesReplaced() {
        enable();
        IssuedBackupCodes first = backupCodes.issue(account, clock.instant());

        assertThat(settings.regenerateBackupCodes(session, "not it at all", FROM).refusal()).contains(SettingsProblem.PASSWORD_WRONG);
        IssuedBackupCodes second = settings.regenerateBackupCodes(session, PASSWORD, FROM).doneValue().orElseThrow();

        assertThat(second.setId()).isNotEqualTo(first.setId());
        assertThat(backupCodes.verify(account, first.codes().get(0), clock.instant()).isAccepted()).isFalse();
        assertThat(backupCodes.verify(account, second.codes().get(0), clock.instant()).isAccepted()).isTrue();
    }

    @Test
    void regenerateWhenTwoStepOffThenRefused() {
        assertThat(settings.regenerateBackupCodes(session, PASSWORD, FROM).refusal()).contains(SettingsProblem.TWO_STEP_NOT_ENABLED);
    }

    @Test
    void revealWhenPasswordRightThenCodesShownAuditedAndDownloadOpenForWindow() {
        enable();
        BackupCodeView shown = settings.revealBackupCodes(session, PASSWORD, FROM).doneValue().orElseThrow();
        assertThat(shown.entries()).hasSize(10).allMatch(e -> e.code().isPresent());
        Session fresh = sessionRepository.findByTokenHash(session.tokenHash()).orElseThrow();

        assertThat(settings.backupCodesFor(fresh, AuditType.BACKUP_CODES_DOWNLOADED, FROM).isDone()).isTrue();
        clock.advance(Session.REAUTH_WINDOW);
        assertThat(settings.backupCodesFor(fresh, AuditType.BACKUP_CODES_DOWNLOADED, FROM).refusal())
                .contains(SettingsProblem.REAUTHENTICATION_REQUIRED);
        assertThat(auditLog.recent(account, 20)).extracting(e -> e.type())
                .contains(AuditType.BACKUP_CODES_VIEWED, AuditType.BACKUP_CODES_DOWNLOADED);
    }

    @Test
    void revealWhenShowOnceThenNotShowable() {
        BackupCodes showOnce = new BackupCodes(new InMemoryBackupCodeRepository(),
                new CodeDigester(TestSecrets.keyRing("p1"), generator), new SecretCipher(TestSecrets.keyRing("e1"), generator),
                generator, new BackupCodePolicy(10, true));
        TwoStepSettings strict = new TwoStepSettings(accounts, hasher, totp, showOnce, channels.sms, guard, sessions, audit,
            Transactions.none(), clock, trusted);
        showOnce.issue(account, clock.instant());

        assertThat(strict.revealBackupCodes(session, PASSWORD, FROM).refusal()).contains(SettingsProblem.CODES_NOT_SHOWABLE);
    }

    @Test
    void disableWhenPasswordAndCodeRightThenEverythingRemoved() {
        byte[] key = enable();

        assertThat(settings.disable(session, PASSWORD, FactorKind.TOTP, "000000", FROM).refusal())
                .hasValueSatisfying(p -> assertThat(p).isIn(SettingsProblem.CODE_INVALID));
        assertThat(settings.disable(session, "wrong wrong wrong", FactorKind.TOTP,
                Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM).refusal()).contains(SettingsProblem.PASSWORD_WRONG);
        TwoStepStatus off = settings.disable(session, PASSWORD, FactorKind.TOTP,
                Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM).doneValue().orElseThrow();

        assertThat(off.enabled()).isFalse();
        assertThat(off.backupCodesCreatedAt()).isEmpty();
        assertThat(login.submitPassword("hanako", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(auditLog.recent(account, 30)).extracting(e -> e.type()).contains(AuditType.TWO_STEP_DISABLED);
    }

    @Test
    void passwordChecksWhenRepeatedlyWrongThenThrottledLikeLogin() {
        enable();
        Outcome<IssuedBackupCodes, SettingsProblem> last = null;
        for (int i = 0; i < 11; i++) {
            last = settings.regenerateBackupCodes(session, "wrong guess " + i, FROM);
        }
        assertThat(last.refusal()).contains(SettingsProblem.TOO_MANY_ATTEMPTS);
        assertThat(last.retryAt()).isPresent();
    }

    /** Issue 15: re-entering the password while the hash workers are busy is refused as busy and spends no attempt. */
    @Test
    void reauthenticateWhenHashWorkersBusyThenBusyAndNoAttemptCounted() {
        dev.aikagi.core.factor.password.HashWorkers full = new dev.aikagi.core.factor.password.HashWorkers() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public <T> T run(java.util.function.Supplier<T> hash) {
                throw new dev.aikagi.core.factor.password.HashingBusyException("full");
            }
        };
        TwoStepSettings busy = new TwoStepSettings(accounts, new PasswordHasher(new Argon2Settings(64, 1, 1), generator, full),
                totp, backupCodes, channels.sms, guard, sessions, audit,
            Transactions.none(), clock, trusted);

        for (int i = 0; i < 20; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.reauthenticate(session, PASSWORD, FROM))
                    .isInstanceOf(dev.aikagi.core.factor.password.HashingBusyException.class);
        }

        assertThat(settings.reauthenticate(session, PASSWORD, FROM).doneValue()).isPresent();
    }
}
