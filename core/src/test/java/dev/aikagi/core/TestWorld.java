package dev.aikagi.core;

import dev.aikagi.core.account.InMemoryAccountDeletionRepository;
import dev.aikagi.core.account.InMemoryAccountErasureRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUpLimit;
import dev.aikagi.core.audit.AuditListener;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.InMemoryBackupCodeRepository;
import dev.aikagi.core.factor.passkey.FakeCeremonies;
import dev.aikagi.core.factor.passkey.InMemoryPasskeyChallengeRepository;
import dev.aikagi.core.factor.passkey.InMemoryPasskeyRepository;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.sms.SmsRegions;
import dev.aikagi.core.factor.totp.InMemoryTotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.InMemoryLoginFlowRepository;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.notify.InMemoryAlertTokenRepository;
import dev.aikagi.core.notify.InMemoryKnownDeviceRepository;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.core.recovery.InMemoryRecoveryRepository;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.role.InMemoryRoleRepository;
import dev.aikagi.core.session.InMemoryAccountLinkRepository;
import dev.aikagi.core.session.InMemorySessionRepository;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.support.InMemoryEvidenceRepository;
import dev.aikagi.core.support.InMemorySupportRepository;
import dev.aikagi.core.support.SupportPolicy;
import dev.aikagi.core.trust.InMemoryTrustedDeviceRepository;
import java.util.List;
import java.util.Set;

/**
 * The core as the server assembles it ({@link CoreAssembly}), on in-memory repositories, a movable clock and
 * a seeded generator: for tests of flows that span several services. Notifications are sent at once (not on
 * another thread) through {@link TestChannels}; recovery codes too.
 */
public final class TestWorld {

    /** No OpenID Connect provider in the core's tests: nothing else begins or ends with a session. */
    public static final SessionListener NO_APPLICATIONS = new SessionListener() {
        @Override
        public void signedIn(Session session) {
        }

        @Override
        public void signedOut(Session session) {
        }
    };

    public static final String PUBLIC_URL = "https://id.example.jp";

    public final MutableClock clock;
    public final SecretGenerator generator;
    public final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    public final InMemoryAttemptRepository attempts = new InMemoryAttemptRepository();
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    public final InMemorySessionRepository sessionRepository = new InMemorySessionRepository();
    public final InMemoryKnownDeviceRepository deviceRepository = new InMemoryKnownDeviceRepository();
    public final InMemoryRecoveryRepository recoveries = new InMemoryRecoveryRepository();
    public final InMemorySupportRepository supportCases = new InMemorySupportRepository();
    public final InMemoryEvidenceRepository evidence = new InMemoryEvidenceRepository(supportCases);
    public final InMemoryRoleRepository roles = new InMemoryRoleRepository();
    public final InMemoryTrustedDeviceRepository trustedDeviceRepository = new InMemoryTrustedDeviceRepository();
    public final InMemoryAccountDeletionRepository deletions = new InMemoryAccountDeletionRepository();
    public final InMemoryAccountErasureRepository erasures = new InMemoryAccountErasureRepository(accounts, deletions);
    public final dev.aikagi.core.admin.InMemoryTwoStepResetRepository twoStepResets =
            new dev.aikagi.core.admin.InMemoryTwoStepResetRepository();
    public final dev.aikagi.core.admin.InMemoryInvitationRepository invitations =
            new dev.aikagi.core.admin.InMemoryInvitationRepository();
    public final TestChannels channels;
    public final PasswordHasher hasher;
    /** Every service, made as in the server. */
    public final CoreAssembly core;
    public final TotpAuthenticator totp;
    public final BackupCodes backupCodes;
    public final Auditor audit;
    public final AttemptGuard guard;
    public final Sessions sessions;
    public final SecurityNotifications notifications;
    public final KnownDevices devices;
    public final LoginService login;
    public final TwoStepSettings twoStep;

    /** Issue 17: the passkeys of this world (the WebAuthn checks stood in for by {@link FakeCeremonies}). */
    public final InMemoryPasskeyRepository passkeyRepository = new InMemoryPasskeyRepository();

    public TestWorld(String startsAt, long seed) {
        clock = MutableClock.at(startsAt);
        generator = TestSecrets.generator(seed);
        channels = new TestChannels(generator, attempts, clock);
        hasher = new PasswordHasher(new Argon2Settings(64, 1, 1), generator);
        core = builder(List.of()).build();
        totp = core.totp();
        backupCodes = core.backupCodes();
        audit = core.audit();
        guard = core.guard();
        sessions = core.sessions();
        notifications = core.notifications();
        devices = core.knownDevices();
        login = core.login();
        twoStep = core.twoStep();
    }

    /**
     * Everything this world's core is made of, ready to build (another core on the same repositories, or one
     * with a piece taken out).
     */
    public CoreAssembly.Builder builder(List<AuditListener> auditListeners) {
        return CoreAssembly.builder()
                .accounts(accounts)
                .totpFactors(new InMemoryTotpFactorRepository())
                .backupCodes(new InMemoryBackupCodeRepository())
                .attempts(attempts)
                .loginFlows(new InMemoryLoginFlowRepository())
                .sessions(sessionRepository)
                .accountLinks(new InMemoryAccountLinkRepository())
                .auditLog(auditLog)
                .contactChannels(channels.channels)
                .oneTimeCodes(channels.codeRepository)
                .alertTokens(new InMemoryAlertTokenRepository())
                .knownDevices(deviceRepository)
                .trustedDevices(trustedDeviceRepository, java.time.Duration.ofDays(30))
                .recoveries(recoveries)
                .supportCases(supportCases)
                .evidence(evidence)
                .roles(roles, roles)
                .deliveries(channels.messages, TestChannels.TEXTS)
                .passkeys(passkeyRepository, new InMemoryPasskeyChallengeRepository(), new FakeCeremonies())
                .clock(clock)
                .generator(generator)
                .keys(new CodeDigester(TestSecrets.keyRing("p1"), generator),
                        new SecretCipher(TestSecrets.keyRing("e1"), generator))
                .hasher(hasher)
                .transactions(Transactions.none())
                .threads(channels.messages::sendNow, Runnable::run)
                .auditListeners(auditListeners)
                .sessionListener(NO_APPLICATIONS)
                .twoStepResets(twoStepResets)
                .invitations(invitations, java.time.Duration.ofDays(7))
                .passwordPolicy(new PasswordPolicy(Set.of()))
                .backupCodePolicy(BackupCodePolicy.DEFAULT)
                .attemptPolicy(AttemptPolicy.DEFAULT)
                .sendLimits(SendLimits.DEFAULT, SmsRegions.ANY)
                .totp(TotpParameters.DEFAULT, "Aikagi")
                .signUpLimit(new SignUpLimit(attempts, 5))
                .recoveryPolicy(RecoveryPolicy.DEFAULT)
                .supportPolicy(SupportPolicy.DEFAULT)
                .publicUrl(PUBLIC_URL)
                .phoneRegion("JP")
                .checkup(new dev.aikagi.core.settings.InMemoryCheckupNudgeRepository(), deletions, erasures,
                        java.time.Duration.ofDays(7));
    }
}
