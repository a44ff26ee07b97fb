package dev.aikagi.core;

import dev.aikagi.core.login.InMemoryLoginFlowRepository;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.InMemoryBackupCodeRepository;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.totp.InMemoryTotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.notify.InMemoryAlertTokenRepository;
import dev.aikagi.core.notify.InMemoryKnownDeviceRepository;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.core.session.InMemoryAccountLinkRepository;
import dev.aikagi.core.session.InMemorySessionRepository;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.core.session.Sessions;

/**
 * The core services wired together on in-memory repositories, a movable clock and a seeded generator, as
 * the server wires them on the database: for tests of flows that span several services. Notifications
 * are sent at once (not on another thread) through {@link TestChannels}.
 */
public final class TestWorld {

    public static final String PUBLIC_URL = "https://id.example.jp";

    public final MutableClock clock;
    public final SecretGenerator generator;
    public final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    public final InMemoryAttemptRepository attempts = new InMemoryAttemptRepository();
    public final PasswordHasher hasher;
    public final TotpAuthenticator totp;
    public final BackupCodes backupCodes;
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    public final Auditor audit;
    public final AttemptGuard guard;
    public final TestChannels channels;
    public final InMemorySessionRepository sessionRepository = new InMemorySessionRepository();
    public final Sessions sessions;
    public final InMemoryKnownDeviceRepository deviceRepository = new InMemoryKnownDeviceRepository();
    public final SecurityNotifications notifications;
    public final KnownDevices devices;
    public final LoginService login;
    public final TwoStepSettings twoStep;

    /** Notifications are not attached to the auditor: tests that want them call {@code notifications.attach(audit)}. */
    public TestWorld(String startsAt, long seed) {
        clock = MutableClock.at(startsAt);
        generator = TestSecrets.generator(seed);
        hasher = new PasswordHasher(new Argon2Settings(64, 1, 1), generator);
        totp = new TotpAuthenticator(new InMemoryTotpFactorRepository(),
                new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, TotpParameters.DEFAULT, "Aikagi");
        backupCodes = new BackupCodes(new InMemoryBackupCodeRepository(),
                new CodeDigester(TestSecrets.keyRing("p1"), generator),
                new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, BackupCodePolicy.DEFAULT);
        audit = new Auditor(auditLog, generator, clock);
        guard = new AttemptGuard(attempts, AttemptPolicy.DEFAULT);
        channels = new TestChannels(generator, attempts, clock);
        sessions = new Sessions(sessionRepository, new InMemoryAccountLinkRepository(), new SessionTokens(generator),
                generator, clock);
        notifications = new SecurityNotifications(channels.channels, new InMemoryAlertTokenRepository(),
                deviceRepository, attempts, channels.messages, TestChannels.TEXTS, sessions, generator, clock,
                PUBLIC_URL, channels.messages::sendNow);
        devices = new KnownDevices(deviceRepository, generator, audit, clock);
        login = new LoginService(accounts, hasher, totp, backupCodes, channels.sms, new InMemoryLoginFlowRepository(),
                guard, devices, generator, audit, clock);
        twoStep = new TwoStepSettings(accounts, hasher, totp, backupCodes, channels.sms, guard, sessions, audit, clock);
    }
}
