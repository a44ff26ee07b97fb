package dev.aikagi.server.config;

import dev.aikagi.core.CoreAssembly;
import dev.aikagi.core.account.AccountDeletionRepository;
import dev.aikagi.core.account.AccountErasure;
import dev.aikagi.core.account.AccountErasureRepository;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditListener;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.OneTimeCodeRepository;
import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.factor.backup.BackupCodeRepository;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.password.BoundedHashWorkers;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFlowRepository;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.login.SignIn;
import dev.aikagi.core.login.SignOut;
import dev.aikagi.core.login.TrustedDeviceLogin;
import dev.aikagi.core.notify.AlertTokenRepository;
import dev.aikagi.core.notify.KnownDeviceRepository;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.recovery.RecoveryCompletion;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.recovery.RecoveryRepository;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.role.RoleListings;
import dev.aikagi.core.role.RoleRepository;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.session.AccountLinkRepository;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.AccountDeletion;
import dev.aikagi.core.settings.CheckupNudgeRepository;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.SecurityCheckup;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.support.EvidenceRepository;
import dev.aikagi.core.support.SupportDecisions;
import dev.aikagi.core.support.SupportEvidence;
import dev.aikagi.core.support.SupportPolicy;
import dev.aikagi.core.support.SupportRepository;
import dev.aikagi.core.support.SupportService;
import dev.aikagi.core.trust.TrustedDeviceRepository;
import dev.aikagi.core.trust.TrustedDevices;
import dev.aikagi.jdbc.JdbcAccountDeletionRepository;
import dev.aikagi.jdbc.JdbcAccountErasureRepository;
import dev.aikagi.jdbc.JdbcAccountLinkRepository;
import dev.aikagi.jdbc.JdbcAccountRepository;
import dev.aikagi.jdbc.JdbcAlertTokenRepository;
import dev.aikagi.jdbc.JdbcAttemptRepository;
import dev.aikagi.jdbc.JdbcAuditLog;
import dev.aikagi.jdbc.JdbcBackupCodeRepository;
import dev.aikagi.jdbc.JdbcCheckupNudgeRepository;
import dev.aikagi.jdbc.JdbcContactChannelRepository;
import dev.aikagi.jdbc.JdbcKnownDeviceRepository;
import dev.aikagi.jdbc.JdbcLoginFlowRepository;
import dev.aikagi.jdbc.JdbcOneTimeCodeRepository;
import dev.aikagi.jdbc.JdbcRecoveryRepository;
import dev.aikagi.jdbc.JdbcSessionRepository;
import dev.aikagi.jdbc.JdbcTotpFactorRepository;
import dev.aikagi.jdbc.JdbcTrustedDeviceRepository;
import dev.aikagi.server.delivery.BundleDeliveryTexts;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.KeyRings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** All wiring of core and jdbc into Spring lives here. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CoreConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    SecretGenerator secretGenerator() throws NoSuchAlgorithmException {
        // The platform's strongest non-blocking source; the only SecureRandom the application makes.
        return new SecretGenerator(SecureRandom.getInstance("NativePRNGNonBlocking"));
    }

    @Bean
    KeyRings keyRings(AikagiProperties properties, SecretGenerator generator) {
        return KeyRings.from(properties.keys(), properties.mode(), properties.dataDir(), generator);
    }

    @Bean
    Settings settings(AikagiProperties properties, KeyRings keys) {
        Settings settings = Settings.validate(properties);
        log.info("Aikagi {} mode: issuer '{}', backup codes {} a set (show once: {}), Argon2id m={} KiB t={} p={}, pepper keys current '{}', encryption keys current '{}'",
                properties.mode().name().toLowerCase(Locale.ROOT), properties.issuer(),
                settings.backupCodes().setSize(), settings.backupCodes().showOnce(),
                settings.argon2().memoryKiB(), settings.argon2().iterations(), settings.argon2().parallelism(),
                keys.pepper().currentId(), keys.encryption().currentId());
        return settings;
    }

    @Bean
    AccountRepository accountRepository(DataSource dataSource) {
        return new JdbcAccountRepository(dataSource);
    }

    @Bean
    TotpFactorRepository totpFactorRepository(DataSource dataSource) {
        return new JdbcTotpFactorRepository(dataSource);
    }

    @Bean
    BackupCodeRepository backupCodeRepository(DataSource dataSource) {
        return new JdbcBackupCodeRepository(dataSource);
    }

    @Bean
    AttemptRepository attemptRepository(DataSource dataSource) {
        return new JdbcAttemptRepository(dataSource);
    }

    @Bean
    LoginFlowRepository loginFlowRepository(DataSource dataSource) {
        return new JdbcLoginFlowRepository(dataSource);
    }

    @Bean
    SessionRepository sessionRepository(DataSource dataSource) {
        return new JdbcSessionRepository(dataSource);
    }

    @Bean
    AccountLinkRepository accountLinkRepository(DataSource dataSource) {
        return new JdbcAccountLinkRepository(dataSource);
    }

    @Bean
    AuditLog auditLog(DataSource dataSource) {
        return new JdbcAuditLog(dataSource);
    }

    @Bean
    ContactChannelRepository contactChannelRepository(DataSource dataSource) {
        return new JdbcContactChannelRepository(dataSource);
    }

    @Bean
    OneTimeCodeRepository oneTimeCodeRepository(DataSource dataSource) {
        return new JdbcOneTimeCodeRepository(dataSource);
    }

    @Bean
    AlertTokenRepository alertTokenRepository(DataSource dataSource) {
        return new JdbcAlertTokenRepository(dataSource);
    }

    @Bean
    KnownDeviceRepository knownDeviceRepository(DataSource dataSource) {
        return new JdbcKnownDeviceRepository(dataSource);
    }

    @Bean
    TrustedDeviceRepository trustedDeviceRepository(DataSource dataSource) {
        return new JdbcTrustedDeviceRepository(dataSource);
    }

    @Bean
    DeliveryTexts messageTexts(AikagiProperties properties) {
        return new BundleDeliveryTexts(properties.issuer(), properties.publicUrl(), properties.displayZone());
    }

    /** Sends notifications off the request's thread; the queue is the safety net if this is lost. */
    @Bean(destroyMethod = "close")
    ExecutorService notificationExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    /**
     * Starts recovery sends 50-250 ms (random) after the answer, so that the work of sending a code to an
     * account that exists does not land on the same person's next request: a known username must not be
     * told apart by the timing of the following steps either.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService recoverySendScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("recovery-send").daemon().factory());
    }

    /** One delivery try now; if it fails, the dispatcher tries again, so a warning without the stack will do. */
    static void sendNow(Deliveries messages, UUID id) {
        try {
            messages.sendNow(id);
        } catch (RuntimeException e) {
            log.warn("Sending message {} at once failed ({}); the dispatcher tries again", id, e.getClass().getSimpleName());
        }
    }

    @Bean
    RecoveryRepository recoveryRepository(DataSource dataSource) {
        return new JdbcRecoveryRepository(dataSource);
    }

    /** Several repository calls as one database transaction (the repositories share the data source). */
    @Bean
    Transactions transactions(PlatformTransactionManager manager) {
        var template = new TransactionTemplate(manager);
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return template.execute(status -> work.get());
            }
        };
    }

    /** Argon2id's own threads and queue (issue 15): hashes never run on the request threads. */
    @Bean(destroyMethod = "close")
    BoundedHashWorkers hashWorkers(AikagiProperties properties) {
        return properties.password().newHashWorkers();
    }

    @Bean
    PasswordHasher passwordHasher(Settings settings, SecretGenerator generator, BoundedHashWorkers hashWorkers) {
        return new PasswordHasher(settings.argon2(), generator, hashWorkers);
    }

    @Bean
    PasswordPolicy passwordPolicy(AikagiProperties properties) throws IOException {
        if (properties.password().blocklistFile() == null) {
            return PasswordPolicy.withBundledBlocklist();
        }
        Set<String> entries = new HashSet<>(PasswordPolicy.bundledBlocklist());
        try (InputStream in = Files.newInputStream(properties.password().blocklistFile())) {
            entries.addAll(PasswordPolicy.readList(in));
        }
        return new PasswordPolicy(entries);
    }

    @Bean
    CodeDigester codeDigester(KeyRings keys, SecretGenerator generator) {
        return new CodeDigester(keys.pepper(), generator);
    }

    @Bean
    SecretCipher secretCipher(KeyRings keys, SecretGenerator generator) {
        return new SecretCipher(keys.encryption(), generator);
    }

    /**
     * The core, assembled once on the database ({@link CoreAssembly}); the services below are the parts of it that
     * other beans inject. {@code listeners} are the server's own audit listeners (metrics, token revocation).
     */
    @Bean
    CoreAssembly core(AccountRepository accounts, TotpFactorRepository totpFactors, BackupCodeRepository backupCodes,
                      AttemptRepository attempts, LoginFlowRepository loginFlows, SessionRepository sessions,
                      AccountLinkRepository accountLinks, AuditLog auditLog, ContactChannelRepository channels,
                      OneTimeCodeRepository oneTimeCodes, AlertTokenRepository alertTokens,
                      KnownDeviceRepository knownDevices, RecoveryRepository recoveries, SupportRepository supportCases,
                      EvidenceRepository evidence, RoleRepository roles, RoleListings roleListings,
                      Deliveries messages, DeliveryTexts texts,
                      Clock clock, SecretGenerator generator, CodeDigester digester, SecretCipher cipher,
                      PasswordHasher hasher, PasswordPolicy passwordPolicy, Transactions transactions,
                      ExecutorService notificationExecutor, ScheduledExecutorService recoverySendScheduler,
                      List<AuditListener> listeners, SessionListener sessionListener, Settings settings, AikagiProperties properties,
                      SmsProperties sms, SignUpProperties signUp, SupportPolicy supportPolicy,
                      TrustedDeviceRepository trustedDevices,

                      CheckupNudgeRepository checkupNudges, AccountDeletionRepository accountDeletions,
                      AccountErasureRepository accountErasure,
                      dev.aikagi.core.factor.passkey.PasskeyRepository passkeys,
                      dev.aikagi.core.factor.passkey.PasskeyChallengeRepository passkeyChallenges,
                      dev.aikagi.server.web.WebAuthnCeremonies webAuthn,

                      dev.aikagi.core.admin.TwoStepResetRepository twoStepResets,
                      dev.aikagi.core.admin.InvitationRepository invitations) {
        RecoveryPolicy recoveryPolicy = new RecoveryPolicy(properties.recovery().waitingPeriod(),
                RecoveryPolicy.DEFAULT.proofWindow(), RecoveryPolicy.DEFAULT.completeWindow(),
                properties.recovery().contactFreeze());
        return CoreAssembly.builder()
                .accounts(accounts)
                .totpFactors(totpFactors)
                .backupCodes(backupCodes)
                .attempts(attempts)
                .loginFlows(loginFlows)
                .sessions(sessions)
                .accountLinks(accountLinks)
                .auditLog(auditLog)
                .contactChannels(channels)
                .oneTimeCodes(oneTimeCodes)
                .alertTokens(alertTokens)
                .knownDevices(knownDevices)
                .trustedDevices(trustedDevices, properties.trustedDevices().lifetime())
                .recoveries(recoveries)
                .supportCases(supportCases)
                .evidence(evidence)
                .roles(roles, roleListings)
                .deliveries(messages, texts)
                .passkeys(passkeys, passkeyChallenges, webAuthn)
                .clock(clock)
                .generator(generator)
                .keys(digester, cipher)
                .hasher(hasher)
                .transactions(transactions)
                .threads(id -> AfterCommit.run(() -> notificationExecutor.execute(() -> sendNow(messages, id))),
                        task -> recoverySendScheduler.schedule(() -> notificationExecutor.execute(task),
                                50 + generator.nextInt(201), TimeUnit.MILLISECONDS))
                .auditListeners(listeners)
                .sessionListener(sessionListener)
                .twoStepResets(twoStepResets)
                .invitations(invitations, properties.admin().invitationLifetime())
                .passwordPolicy(passwordPolicy)
                .backupCodePolicy(settings.backupCodes())
                .attemptPolicy(AttemptPolicy.DEFAULT)
                .sendLimits(sms.limits(SendLimits.DEFAULT), sms.regions())
                .totp(TotpParameters.DEFAULT, properties.issuer())
                .signUpLimit(signUp.limit(attempts))
                .recoveryPolicy(recoveryPolicy)
                .supportPolicy(supportPolicy)
                .publicUrl(properties.publicUrl())
                .phoneRegion(properties.phoneRegion())
                .checkup(checkupNudges, accountDeletions, accountErasure, properties.account().deleteAfter())
                .build();
    }

    @Bean
    Auditor auditor(CoreAssembly core) {
        return core.audit();
    }

    @Bean
    TotpAuthenticator totpAuthenticator(CoreAssembly core) {
        return core.totp();
    }

    @Bean
    BackupCodes backupCodes(CoreAssembly core) {
        return core.backupCodes();
    }

    @Bean
    AttemptGuard attemptGuard(CoreAssembly core) {
        return core.guard();
    }

    @Bean
    Sessions sessions(CoreAssembly core) {
        return core.sessions();
    }

    @Bean
    KnownDevices knownDevices(CoreAssembly core) {
        return core.knownDevices();
    }

    @Bean
    LoginService loginService(CoreAssembly core) {
        return core.login();
    }

    @Bean
    TrustedDevices trustedDevices(CoreAssembly core) {
        return core.trustedDevices();
    }

    @Bean
    TrustedDeviceLogin trustedDeviceLogin(CoreAssembly core) {
        return core.trustedDeviceLogin();
    }

    @Bean
    SignIn signIn(CoreAssembly core) {
        return core.signIn();
    }

    @Bean
    SignOut signOut(CoreAssembly core) {
        return core.signOut();
    }

    @Bean
    SignUp signUp(CoreAssembly core) {
        return core.signUp();
    }

    @Bean
    TwoStepSettings twoStepSettings(CoreAssembly core) {
        return core.twoStep();
    }

    @Bean
    StepUp stepUp(CoreAssembly core) {
        return core.stepUp();
    }

    @Bean
    PasswordChange passwordChange(CoreAssembly core) {
        return core.passwordChange();
    }

    @Bean
    CheckupNudgeRepository checkupNudgeRepository(DataSource dataSource) {
        return new JdbcCheckupNudgeRepository(dataSource);
    }

    @Bean
    AccountDeletionRepository accountDeletionRepository(DataSource dataSource) {
        return new JdbcAccountDeletionRepository(dataSource);
    }

    @Bean
    AccountErasureRepository accountErasureRepository(DataSource dataSource) {
        return new JdbcAccountErasureRepository(dataSource);
    }

    /** Erasing an account's data: a deletion that came due, and the admin API's "delete user". */
    @Bean
    AccountErasure accountErasure(CoreAssembly core) {
        return core.accountErasure();
    }

    @Bean
    AccountDeletion accountDeletion(CoreAssembly core) {
        return core.accountDeletion();
    }

    @Bean
    SecurityCheckup securityCheckup(CoreAssembly core) {
        return core.securityCheckup();
    }

    @Bean
    SecurityNotifications securityNotifications(CoreAssembly core) {
        return core.notifications();
    }

    @Bean
    ContactSettings contactSettings(CoreAssembly core) {
        return core.contacts();
    }

    @Bean
    RecoveryService recoveryService(CoreAssembly core) {
        return core.recovery();
    }

    @Bean
    RecoveryCompletion recoveryCompletion(CoreAssembly core) {
        return core.recoveryCompletion();
    }

    @Bean
    Roles roles(CoreAssembly core) {
        return core.roles();
    }

    @Bean
    SupportService supportService(CoreAssembly core) {
        return core.supportIntake();
    }

    @Bean
    SupportEvidence supportEvidence(CoreAssembly core) {
        return core.supportEvidence();
    }

    @Bean
    SupportDecisions supportDecisions(CoreAssembly core) {
        return core.supportDecisions();
    }

    // Issue 18: the admin API and command line.
    @Bean
    dev.aikagi.core.admin.TwoStepResetRepository twoStepResetRepository(DataSource dataSource) {
        return new dev.aikagi.jdbc.JdbcTwoStepResetRepository(dataSource);
    }

    @Bean
    dev.aikagi.core.admin.TwoStepResets twoStepResets(CoreAssembly core) {
        return core.twoStepResets();
    }

    @Bean
    dev.aikagi.core.admin.InvitationRepository invitationRepository(DataSource dataSource) {
        return new dev.aikagi.jdbc.JdbcInvitationRepository(dataSource);
    }

    @Bean
    dev.aikagi.core.admin.Invitations invitations(CoreAssembly core) {
        return core.invitations();
    }

    @Bean
    dev.aikagi.core.admin.UserTransfer userTransfer(CoreAssembly core) {
        return core.userTransfer();
    }

    @Bean
    dev.aikagi.core.admin.AccountDisabling accountDisabling(CoreAssembly core) {
        return core.accountDisabling();
    }

    @Bean
    dev.aikagi.core.admin.UserDirectory userDirectory(CoreAssembly core) {
        return core.userDirectory();
    }

    @Bean
    dev.aikagi.core.admin.AdminSessions adminSessions(CoreAssembly core) {
        return core.adminSessions();
    }

    @Bean
    dev.aikagi.core.admin.AdminTwoStep adminTwoStep(CoreAssembly core) {
        return core.adminTwoStep();
    }
}
