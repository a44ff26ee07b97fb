package dev.aikagi.server.config;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.OneTimeCodeRepository;
import dev.aikagi.core.code.OneTimeCodes;
import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.backup.BackupCodeRepository;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.BoundedHashWorkers;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.code.CodeSender;
import dev.aikagi.core.factor.sms.SmsFactor;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.login.LoginFlowRepository;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.notify.AlertTokenRepository;
import dev.aikagi.core.notify.KnownDeviceRepository;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.recovery.RecoveryRepository;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.session.AccountLinkRepository;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.jdbc.JdbcAccountLinkRepository;
import dev.aikagi.jdbc.JdbcAccountRepository;
import dev.aikagi.jdbc.JdbcAlertTokenRepository;
import dev.aikagi.jdbc.JdbcAttemptRepository;
import dev.aikagi.jdbc.JdbcAuditLog;
import dev.aikagi.jdbc.JdbcBackupCodeRepository;
import dev.aikagi.jdbc.JdbcContactChannelRepository;
import dev.aikagi.jdbc.JdbcKnownDeviceRepository;
import dev.aikagi.jdbc.JdbcLoginFlowRepository;
import dev.aikagi.jdbc.JdbcOneTimeCodeRepository;
import dev.aikagi.jdbc.JdbcRecoveryRepository;
import dev.aikagi.jdbc.JdbcSessionRepository;
import dev.aikagi.jdbc.JdbcTotpFactorRepository;
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
    Auditor auditor(AuditLog log, SecretGenerator generator, Clock clock) {
        return new Auditor(log, generator, clock);
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
    DeliveryTexts messageTexts(AikagiProperties properties) {
        return new BundleDeliveryTexts(properties.issuer(), properties.publicUrl(), properties.displayZone());
    }

    @Bean
    OneTimeCodes oneTimeCodes(OneTimeCodeRepository repository, CodeDigester digester, SecretGenerator generator) {
        return new OneTimeCodes(repository, digester, generator);
    }

    @Bean
    CodeSender codeSender(OneTimeCodes codes, AttemptRepository attempts, Deliveries messages, DeliveryTexts texts,
                          SmsProperties sms, Auditor audit) {
        return new CodeSender(codes, new SendLimits(attempts, sms.limits(SendLimits.DEFAULT)), messages, texts,
                sms.regions(), audit);
    }

    @Bean
    SmsFactor smsFactor(ContactChannelRepository channels, CodeSender sender) {
        return new SmsFactor(channels, sender);
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

    @Bean
    SecurityNotifications securityNotifications(ContactChannelRepository channels, AlertTokenRepository tokens,
                                                KnownDeviceRepository devices, AttemptRepository attempts,
                                                Deliveries messages, DeliveryTexts texts, Sessions sessions,
                                                SecretGenerator generator, Clock clock, AikagiProperties properties,
                                                ExecutorService notificationExecutor, Auditor audit) {
        SecurityNotifications notifications = new SecurityNotifications(channels, tokens, devices, attempts, messages,
                texts, sessions, generator, clock, properties.publicUrl(),
                id -> AfterCommit.run(() -> notificationExecutor.execute(() -> sendNow(messages, id))));
        notifications.attach(audit);
        return notifications;
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
    KnownDevices knownDevices(KnownDeviceRepository repository, SecretGenerator generator, Auditor audit, Clock clock) {
        return new KnownDevices(repository, generator, audit, clock);
    }

    @Bean
    ContactSettings contactSettings(ContactChannelRepository channels, CodeSender sender, TwoStepSettings twoStep,
                                    AttemptGuard guard, Auditor audit, SecurityNotifications notifications,
                                    AikagiProperties properties, RecoveryService recovery, Clock clock) {
        return new ContactSettings(channels, sender, twoStep, guard, audit, notifications, properties.phoneRegion(),
                recovery::contactsFrozenUntil, clock);
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

    @Bean
    RecoveryService recoveryService(AccountRepository accounts, RecoveryRepository cases,
                                    ContactChannelRepository channels, CodeSender sender, PasswordHasher hasher,
                                    TotpAuthenticator totp, BackupCodes backupCodes, Sessions sessions,
                                    KnownDeviceRepository devices, AttemptRepository attempts, AttemptGuard guard,
                                    Auditor audit, SecretGenerator generator, SecurityNotifications notifications,
                                    AikagiProperties properties, ExecutorService notificationExecutor,
                                    ScheduledExecutorService recoverySendScheduler,
                                    Transactions transactions, Clock clock) {
        RecoveryPolicy policy = new RecoveryPolicy(properties.recovery().waitingPeriod(),
                RecoveryPolicy.DEFAULT.proofWindow(), RecoveryPolicy.DEFAULT.completeWindow(),
                properties.recovery().contactFreeze());
        RecoveryService recovery = new RecoveryService(accounts, cases, channels, sender, hasher, totp, backupCodes,
                sessions, devices, attempts, guard, audit, generator, policy,
                task -> recoverySendScheduler.schedule(() -> notificationExecutor.execute(task),
                        50 + generator.nextInt(201), TimeUnit.MILLISECONDS), clock);
        recovery.attach(audit);
        recovery.runCompletionIn(transactions);
        // "This wasn't me" (the link in the recovery notice too) cancels every recovery in progress.
        notifications.onReport(account -> recovery.cancelAll(account, null, "reported"));
        return recovery;
    }

    @Bean
    PasswordChange passwordChange(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy,
                                  TwoStepSettings twoStep, Sessions sessions, Auditor audit) {
        return new PasswordChange(accounts, hasher, policy, twoStep, sessions, audit);
    }

    @Bean
    Sessions sessions(SessionRepository repository, AccountLinkRepository links, SecretGenerator generator, Clock clock) {
        return new Sessions(repository, links, new SessionTokens(generator), generator, clock);
    }

    @Bean
    TwoStepSettings twoStepSettings(AccountRepository accounts, PasswordHasher hasher, TotpAuthenticator totp,
                                    BackupCodes backupCodes, SmsFactor sms, AttemptGuard guard, Sessions sessions,
                                    Auditor audit, Transactions transactions, Clock clock) {
        return new TwoStepSettings(accounts, hasher, totp, backupCodes, sms, guard, sessions, audit, clock)
                .runChangesIn(transactions);
    }

    @Bean
    StepUp stepUp(TotpAuthenticator totp, BackupCodes backupCodes, SmsFactor sms, AttemptGuard guard, Sessions sessions,
                  Auditor audit, Clock clock) {
        return new StepUp(totp, backupCodes, sms, guard, sessions, audit, clock);
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

    @Bean
    TotpAuthenticator totpAuthenticator(TotpFactorRepository factors, SecretCipher cipher, SecretGenerator generator,
                                        AikagiProperties properties) {
        return new TotpAuthenticator(factors, cipher, generator, TotpParameters.DEFAULT, properties.issuer());
    }

    @Bean
    BackupCodes backupCodes(BackupCodeRepository repository, CodeDigester digester, SecretCipher cipher,
                            SecretGenerator generator, Settings settings) {
        return new BackupCodes(repository, digester, cipher, generator, settings.backupCodes());
    }

    @Bean
    AttemptGuard attemptGuard(AttemptRepository attempts) {
        return new AttemptGuard(attempts, AttemptPolicy.DEFAULT);
    }

    @Bean
    LoginService loginService(AccountRepository accounts, PasswordHasher hasher, TotpAuthenticator totp,
                              BackupCodes backupCodes, SmsFactor sms, LoginFlowRepository flows, AttemptGuard guard,
                              KnownDevices devices, SecretGenerator generator, Auditor audit, Clock clock) {
        return new LoginService(accounts, hasher, totp, backupCodes, sms, flows, guard, devices, generator, audit, clock);
    }

    @Bean
    SignUp signUp(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy, SecretGenerator generator,
                  Auditor audit, AttemptRepository attempts, SignUpProperties signUp, Clock clock) {
        return new SignUp(accounts, hasher, policy, generator, audit, signUp.limit(attempts), clock);
    }
}
