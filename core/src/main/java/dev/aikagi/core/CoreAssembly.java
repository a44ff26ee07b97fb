package dev.aikagi.core;

import dev.aikagi.core.account.AccountDeletionRepository;
import dev.aikagi.core.account.AccountErasure;
import dev.aikagi.core.account.AccountErasureRepository;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.account.SignUpLimit;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditListener;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.CodeSender;
import dev.aikagi.core.code.OneTimeCodeRepository;
import dev.aikagi.core.code.OneTimeCodes;
import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.backup.BackupCodeRepository;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.passkey.PasskeyCeremonies;
import dev.aikagi.core.factor.passkey.PasskeyChallengeRepository;
import dev.aikagi.core.factor.passkey.PasskeyRepository;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.sms.SmsFactor;
import dev.aikagi.core.factor.sms.SmsRegions;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFlowRepository;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.login.PasskeyLogin;
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
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.AccountDeletion;
import dev.aikagi.core.settings.CheckupNudgeRepository;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.PasskeySettings;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.SecurityCheckup;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.support.EvidenceRepository;
import dev.aikagi.core.support.SupportDecisions;
import dev.aikagi.core.support.SupportEvidence;
import dev.aikagi.core.support.SupportMail;
import dev.aikagi.core.support.SupportPolicy;
import dev.aikagi.core.support.SupportRepository;
import dev.aikagi.core.support.SupportService;
import dev.aikagi.core.trust.TrustedDeviceRepository;
import dev.aikagi.core.trust.TrustedDevices;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The core, assembled once: every service made from the ports (repositories, gateways, texts), the clock, the
 * one {@link SecretGenerator}, the policies and the {@link Transactions} runner, in the only order that works.
 * The server builds it on the database, the core's tests on in-memory repositories; nothing is wired after
 * construction. Every input is required: {@link Builder#build} names the first one missing.
 *
 * <p>The auditor tells its listeners in this order: {@link SecurityNotifications} (the notices), then
 * {@link RecoveryCompletion} (the owner's login cancels a recovery), then {@link Builder#auditListeners the
 * caller's own} (the server's metrics and token revocation).
 */
public final class CoreAssembly {

    private final Auditor audit;
    private final OneTimeCodes oneTimeCodes;
    private final CodeSender codeSender;
    private final SmsFactor sms;
    private final TotpAuthenticator totp;
    private final BackupCodes backupCodes;
    private final AttemptGuard guard;
    private final Sessions sessions;
    private final KnownDevices knownDevices;
    private final LoginService login;
    private final SignIn signIn;
    private final SignOut signOut;
    private final SignUp signUp;
    private final TwoStepSettings twoStep;
    private final StepUp stepUp;
    private final PasswordChange passwordChange;
    private final RecoveryService recovery;
    private final RecoveryCompletion recoveryCompletion;
    private final SecurityNotifications notifications;
    private final ContactSettings contacts;
    private final Roles roles;
    private final SupportEvidence supportEvidence;
    private final SupportService supportIntake;
    private final SupportDecisions supportDecisions;
    private final TrustedDevices trustedDevices;
    private final TrustedDeviceLogin trustedDeviceLogin;
    private final AccountErasure accountErasure;
    private final AccountDeletion accountDeletion;
    private final SecurityCheckup securityCheckup;
    private final Passkeys passkeys;
    private final PasskeyLogin passkeyLogin;
    private final PasskeySettings passkeySettings;
    private final dev.aikagi.core.admin.AccountDisabling accountDisabling;
    private final dev.aikagi.core.admin.UserDirectory userDirectory;
    private final dev.aikagi.core.admin.AdminSessions adminSessions;
    private final dev.aikagi.core.admin.AdminTwoStep adminTwoStep;
    private final dev.aikagi.core.admin.TwoStepResets twoStepResets;
    private final dev.aikagi.core.admin.UserTransfer userTransfer;
    private final dev.aikagi.core.admin.Invitations invitations;

    private CoreAssembly(Builder in) {
        Clock clock = in.clock;
        SecretGenerator generator = in.generator;
        List<AuditListener> listeners = new ArrayList<>();
        listeners.add(this::alert);
        listeners.add(this::cancelRecoveries);
        listeners.addAll(in.auditListeners);
        audit = new Auditor(in.auditLog, generator, clock, listeners);
        oneTimeCodes = new OneTimeCodes(in.oneTimeCodes, in.digester, generator);
        codeSender = new CodeSender(oneTimeCodes, new SendLimits(in.attempts, in.sendLimits), in.deliveries, in.texts,
                in.smsRegions, audit);
        sms = new SmsFactor(in.contactChannels, codeSender);
        totp = new TotpAuthenticator(in.totpFactors, in.cipher, generator, in.totpParameters, in.issuer);
        backupCodes = new BackupCodes(in.backupCodes, in.digester, in.cipher, generator, in.backupCodePolicy);
        guard = new AttemptGuard(in.attempts, in.attemptPolicy);
        sessions = new Sessions(in.sessions, in.accountLinks, new SessionTokens(generator), generator, clock);
        knownDevices = new KnownDevices(in.knownDevices, generator, audit, clock);
        passkeys = new Passkeys(in.passkeys, in.passkeyChallenges, in.passkeyCeremonies, generator);
        login = new LoginService(in.accounts, in.hasher, totp, backupCodes, sms, in.loginFlows, guard, knownDevices,
                generator, audit, clock, passkeys);
        passkeyLogin = new PasskeyLogin(passkeys, in.accounts, in.loginFlows, guard, knownDevices, generator, audit, clock);
        trustedDevices = new TrustedDevices(in.trustedDevices, in.digester, generator, audit, clock,
                in.trustedDeviceLifetime);
        trustedDeviceLogin = new TrustedDeviceLogin(login, trustedDevices, in.loginFlows, knownDevices, audit, clock);
        signIn = new SignIn(sessions, knownDevices, in.sessionListener, audit);
        signOut = new SignOut(sessions, in.sessionListener, audit);
        signUp = new SignUp(in.accounts, in.hasher, in.passwordPolicy, generator, audit, in.signUpLimit, clock);
        twoStep = new TwoStepSettings(in.accounts, in.hasher, totp, backupCodes, sms, guard, sessions, audit,
                in.transactions, clock, trustedDevices, passkeys);
        passkeySettings = new PasskeySettings(twoStep, passkeys, in.accounts, guard, sessions, audit, clock);
        stepUp = new StepUp(totp, backupCodes, sms, guard, sessions, audit, clock, passkeys);
        passwordChange = new PasswordChange(in.accounts, in.hasher, in.passwordPolicy, twoStep, sessions, audit,
                trustedDevices);
        recovery = new RecoveryService(in.accounts, in.recoveries, in.contactChannels, codeSender, in.hasher,
                in.attempts, audit, generator, in.recoveryPolicy, in.recoverySends, clock);
        recoveryCompletion = new RecoveryCompletion(in.recoveries, in.contactChannels, totp, backupCodes, sessions,
                in.knownDevices, in.attempts, guard, audit, in.recoveryPolicy, in.transactions, clock, trustedDevices, passkeys);
        // "This wasn't me" (the link in the recovery notice too) cancels every recovery in progress and a pending
        // deletion of the account, and (issue 17) ends the trust of every browser and app (before the report is audited).
        notifications = new SecurityNotifications(in.contactChannels, in.alertTokens, in.knownDevices, in.attempts,
                in.deliveries, in.texts, sessions, generator, clock, in.publicUrl, in.notificationSends, audit,
                account -> {
                    recoveryCompletion.cancelAll(account, null, "reported");
                    trustedDevices.endAll(account, null, "not_me");
                    cancelDeletion(account);
                    // Issue 18: the link in the notice of an operator's two-step reset cancels it.
                    cancelTwoStepResets(account);
                });
        contacts = new ContactSettings(in.contactChannels, codeSender, twoStep, guard, audit, notifications,
                in.phoneRegion, recoveryCompletion::contactsFrozenUntil, clock);
        roles = new Roles(in.accounts, in.roles, in.roleListings, audit, clock);
        SupportMail mail = new SupportMail(in.deliveries, in.texts);
        supportEvidence = new SupportEvidence(in.accounts, in.supportCases, in.evidence, in.contactChannels,
                in.auditLog, audit, in.cipher, generator, in.supportPolicy, clock);
        supportIntake = new SupportService(in.accounts, in.supportCases, supportEvidence, in.attempts, audit, recovery,
                mail, generator, in.supportPolicy, in.transactions, clock);
        supportDecisions = new SupportDecisions(in.supportCases, audit, recovery, mail, generator, in.supportPolicy,
                in.publicUrl, in.transactions, clock);
        accountErasure = new AccountErasure(in.accounts, in.accountErasure, sessions, in.sessionListener, audit,
                in.transactions);
        accountDeletion = new AccountDeletion(in.accountDeletions, accountErasure, twoStep, in.contactChannels,
                in.deliveries, in.texts, generator, audit, clock, in.deleteAfter, in.publicUrl, in.notificationSends);
        securityCheckup = new SecurityCheckup(twoStep, in.contactChannels, sessions, in.auditLog, in.checkupNudges,
                in.accountDeletions, clock, trustedDevices);
        accountDisabling = new dev.aikagi.core.admin.AccountDisabling(in.accounts, sessions, in.sessionListener,
                recoveryCompletion, audit, in.transactions, clock);
        userDirectory = new dev.aikagi.core.admin.UserDirectory(in.accounts, in.contactChannels,
                new SignUp(in.accounts, in.hasher, in.passwordPolicy, generator, audit, clock), roles, audit,
                in.transactions, in.phoneRegion, clock);
        adminSessions = new dev.aikagi.core.admin.AdminSessions(in.accounts, sessions, in.sessionListener, audit);
        adminTwoStep = new dev.aikagi.core.admin.AdminTwoStep(in.accounts, twoStep, totp, backupCodes,
                in.contactChannels, adminSessions, audit, in.transactions);
        twoStepResets = new dev.aikagi.core.admin.TwoStepResets(in.twoStepResets, adminTwoStep, audit, generator,
                in.recoveryPolicy, clock);
        userTransfer = new dev.aikagi.core.admin.UserTransfer(in.accounts, in.contactChannels, in.totpFactors, in.cipher,
                generator, audit, in.transactions, in.phoneRegion, clock);
        invitations = in.invitations == null ? null : new dev.aikagi.core.admin.Invitations(in.invitations,
                userDirectory, in.accounts, in.contactChannels, in.hasher, in.passwordPolicy, in.attempts,
                in.deliveries, in.texts, generator, audit, in.transactions, clock, in.invitationLifetime,
                in.publicUrl, in.notificationSends);
    }

    /** The auditor's first listener (see the class comment); the field is set before anything is audited. */
    private void alert(AuditEvent event) {
        notifications.recorded(event);
    }

    /** Called only after construction ("this wasn't me" links are followed later), when the field is set. */
    private void cancelDeletion(dev.aikagi.core.account.AccountId account) {
        accountDeletion.cancelReported(account);
    }

    private void cancelTwoStepResets(dev.aikagi.core.account.AccountId account) {
        twoStepResets.cancelAll(account, null);
    }

    private void cancelRecoveries(AuditEvent event) {
        recoveryCompletion.recorded(event);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Auditor audit() {
        return audit;
    }

    public OneTimeCodes oneTimeCodes() {
        return oneTimeCodes;
    }

    public CodeSender codeSender() {
        return codeSender;
    }

    public SmsFactor sms() {
        return sms;
    }

    public TotpAuthenticator totp() {
        return totp;
    }

    public BackupCodes backupCodes() {
        return backupCodes;
    }

    public AttemptGuard guard() {
        return guard;
    }

    public Sessions sessions() {
        return sessions;
    }

    public KnownDevices knownDevices() {
        return knownDevices;
    }

    public LoginService login() {
        return login;
    }

    public SignIn signIn() {
        return signIn;
    }

    public SignOut signOut() {
        return signOut;
    }

    public SignUp signUp() {
        return signUp;
    }

    public TwoStepSettings twoStep() {
        return twoStep;
    }

    public StepUp stepUp() {
        return stepUp;
    }

    public PasswordChange passwordChange() {
        return passwordChange;
    }

    public RecoveryService recovery() {
        return recovery;
    }

    public RecoveryCompletion recoveryCompletion() {
        return recoveryCompletion;
    }

    public SecurityNotifications notifications() {
        return notifications;
    }

    public ContactSettings contacts() {
        return contacts;
    }

    public Roles roles() {
        return roles;
    }

    public SupportService supportIntake() {
        return supportIntake;
    }

    public SupportEvidence supportEvidence() {
        return supportEvidence;
    }

    public SupportDecisions supportDecisions() {
        return supportDecisions;
    }

    public TrustedDevices trustedDevices() {
        return trustedDevices;
    }

    public TrustedDeviceLogin trustedDeviceLogin() {
        return trustedDeviceLogin;
    }

    /** Erasing an account's data (a deletion that came due, an operator's "delete user"). */
    public AccountErasure accountErasure() {
        return accountErasure;
    }

    public AccountDeletion accountDeletion() {
        return accountDeletion;
    }

    public SecurityCheckup securityCheckup() {
        return securityCheckup;
    }

    public Passkeys passkeys() {
        return passkeys;
    }

    public PasskeyLogin passkeyLogin() {
        return passkeyLogin;
    }

    public PasskeySettings passkeySettings() {
        return passkeySettings;
    }

    /** Disabling and enabling accounts (issue 18). */
    public dev.aikagi.core.admin.AccountDisabling accountDisabling() {
        return accountDisabling;
    }

    /** Accounts as an operator finds and makes them (issue 18). */
    public dev.aikagi.core.admin.UserDirectory userDirectory() {
        return userDirectory;
    }

    /** An account's sessions as an operator lists and ends them (issue 18). */
    public dev.aikagi.core.admin.AdminSessions adminSessions() {
        return adminSessions;
    }

    /** An account's two-step methods as an operator sees and resets them (issue 18). */
    public dev.aikagi.core.admin.AdminTwoStep adminTwoStep() {
        return adminTwoStep;
    }

    /** An operator's two-step resets, waiting or at once (issue 18). */
    public dev.aikagi.core.admin.TwoStepResets twoStepResets() {
        return twoStepResets;
    }

    /** Import and export of users (issue 18). */
    public dev.aikagi.core.admin.UserTransfer userTransfer() {
        return userTransfer;
    }

    /** Issue 18: users created with an invitation link; only with {@link Builder#invitations}. */
    public dev.aikagi.core.admin.Invitations invitations() {
        if (invitations == null) {
            throw new IllegalStateException("no invitation repository was given to the builder");
        }
        return invitations;
    }

    /** Everything the core is made of; {@link #build} refuses a missing piece, naming it. */
    public static final class Builder {

        // Ports: where the core keeps and sends things.
        private AccountRepository accounts;
        private TotpFactorRepository totpFactors;
        private BackupCodeRepository backupCodes;
        private AttemptRepository attempts;
        private LoginFlowRepository loginFlows;
        private SessionRepository sessions;
        private AccountLinkRepository accountLinks;
        private AuditLog auditLog;
        private ContactChannelRepository contactChannels;
        private OneTimeCodeRepository oneTimeCodes;
        private AlertTokenRepository alertTokens;
        private KnownDeviceRepository knownDevices;
        private TrustedDeviceRepository trustedDevices;
        private Duration trustedDeviceLifetime;
        private RecoveryRepository recoveries;
        private SupportRepository supportCases;
        private EvidenceRepository evidence;
        private RoleRepository roles;
        private RoleListings roleListings;
        private Deliveries deliveries;
        private DeliveryTexts texts;
        private PasskeyRepository passkeys;
        private PasskeyChallengeRepository passkeyChallenges;
        private PasskeyCeremonies passkeyCeremonies;
        // Time, randomness, keys, transactions and threads.
        private Clock clock;
        private SecretGenerator generator;
        private CodeDigester digester;
        private SecretCipher cipher;
        private PasswordHasher hasher;
        private Transactions transactions;
        private Consumer<UUID> notificationSends;
        private Executor recoverySends;
        private List<AuditListener> auditListeners = List.of();
        private SessionListener sessionListener;
        private dev.aikagi.core.admin.TwoStepResetRepository twoStepResets;
        // Policies and settings.
        private PasswordPolicy passwordPolicy;
        private BackupCodePolicy backupCodePolicy;
        private AttemptPolicy attemptPolicy;
        private SendLimits.Policy sendLimits;
        private SmsRegions smsRegions;
        private TotpParameters totpParameters;
        private String issuer;
        private SignUpLimit signUpLimit;
        private RecoveryPolicy recoveryPolicy;
        private SupportPolicy supportPolicy;
        private String publicUrl;
        private dev.aikagi.core.admin.InvitationRepository invitations;
        private Duration invitationLifetime = Duration.ofDays(7);
        private String phoneRegion;
        // The security checkup and account deletion (issue 17).
        private CheckupNudgeRepository checkupNudges;
        private AccountDeletionRepository accountDeletions;
        private AccountErasureRepository accountErasure;
        private Duration deleteAfter;

        private Builder() {
        }

        public Builder accounts(AccountRepository accounts) {
            this.accounts = accounts;
            return this;
        }

        public Builder totpFactors(TotpFactorRepository totpFactors) {
            this.totpFactors = totpFactors;
            return this;
        }

        public Builder backupCodes(BackupCodeRepository backupCodes) {
            this.backupCodes = backupCodes;
            return this;
        }

        public Builder attempts(AttemptRepository attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder loginFlows(LoginFlowRepository loginFlows) {
            this.loginFlows = loginFlows;
            return this;
        }

        public Builder sessions(SessionRepository sessions) {
            this.sessions = sessions;
            return this;
        }

        public Builder accountLinks(AccountLinkRepository accountLinks) {
            this.accountLinks = accountLinks;
            return this;
        }

        public Builder auditLog(AuditLog auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        public Builder contactChannels(ContactChannelRepository contactChannels) {
            this.contactChannels = contactChannels;
            return this;
        }

        public Builder oneTimeCodes(OneTimeCodeRepository oneTimeCodes) {
            this.oneTimeCodes = oneTimeCodes;
            return this;
        }

        public Builder alertTokens(AlertTokenRepository alertTokens) {
            this.alertTokens = alertTokens;
            return this;
        }

        public Builder knownDevices(KnownDeviceRepository knownDevices) {
            this.knownDevices = knownDevices;
            return this;
        }

        /**
         * Issue 17: where trusted devices are kept, and how long a device stays trusted ({@link Duration#ZERO}:
         * the feature is off).
         */
        public Builder trustedDevices(TrustedDeviceRepository trustedDevices, Duration lifetime) {
            this.trustedDevices = trustedDevices;
            this.trustedDeviceLifetime = lifetime;
            return this;
        }

        public Builder recoveries(RecoveryRepository recoveries) {
            this.recoveries = recoveries;
            return this;
        }

        public Builder supportCases(SupportRepository supportCases) {
            this.supportCases = supportCases;
            return this;
        }

        public Builder evidence(EvidenceRepository evidence) {
            this.evidence = evidence;
            return this;
        }

        /** The roles held, and who holds one; often the same store. */
        public Builder roles(RoleRepository roles, RoleListings roleListings) {
            this.roles = roles;
            this.roleListings = roleListings;
            return this;
        }

        /** The outgoing messages (queue and gateways) and their texts in each language. */
        public Builder deliveries(Deliveries deliveries, DeliveryTexts texts) {
            this.deliveries = deliveries;
            this.texts = texts;
            return this;
        }

        /**
         * Passkeys (issue 17): where they and their ceremonies' challenges are kept, and the WebAuthn checks (a
         * library's, outside the core).
         */
        public Builder passkeys(PasskeyRepository passkeys, PasskeyChallengeRepository passkeyChallenges,
                                PasskeyCeremonies passkeyCeremonies) {
            this.passkeys = passkeys;
            this.passkeyChallenges = passkeyChallenges;
            this.passkeyCeremonies = passkeyCeremonies;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The one source of randomness (STYLE.md: nothing in the core makes its own). */
        public Builder generator(SecretGenerator generator) {
            this.generator = generator;
            return this;
        }

        /** The keyed digest of codes (the pepper keys) and the cipher of stored secrets (the encryption keys). */
        public Builder keys(CodeDigester digester, SecretCipher cipher) {
            this.digester = digester;
            this.cipher = cipher;
            return this;
        }

        public Builder hasher(PasswordHasher hasher) {
            this.hasher = hasher;
            return this;
        }

        /**
         * What several repository calls run in, all or none: the database's transactions in the server;
         * {@link Transactions#none()} only for in-memory repositories, which have none.
         */
        public Builder transactions(Transactions transactions) {
            this.transactions = transactions;
            return this;
        }

        /**
         * @param notificationSends sends a queued security notice soon, off the request's thread
         * @param recoverySends where recovery codes are issued and sent, off the request's thread
         */
        public Builder threads(Consumer<UUID> notificationSends, Executor recoverySends) {
            this.notificationSends = notificationSends;
            this.recoverySends = recoverySends;
            return this;
        }

        /** Told of every audited event after the core's own listeners (none if not given). */
        public Builder auditListeners(List<AuditListener> auditListeners) {
            this.auditListeners = auditListeners;
            return this;
        }

        /** Told when a session opens and ends (the server revokes that session's application tokens). */
        public Builder sessionListener(SessionListener sessionListener) {
            this.sessionListener = sessionListener;
            return this;
        }

        /** Issue 18: an operator's two-step resets that wait. */
        public Builder twoStepResets(dev.aikagi.core.admin.TwoStepResetRepository twoStepResets) {
            this.twoStepResets = twoStepResets;
            return this;
        }

        /** Issue 18: invitation links, working for {@code lifetime} (optional: without it, no invitations). */
        public Builder invitations(dev.aikagi.core.admin.InvitationRepository invitations, Duration lifetime) {
            this.invitations = invitations;
            this.invitationLifetime = lifetime;
            return this;
        }

        public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
            this.passwordPolicy = passwordPolicy;
            return this;
        }

        public Builder backupCodePolicy(BackupCodePolicy backupCodePolicy) {
            this.backupCodePolicy = backupCodePolicy;
            return this;
        }

        public Builder attemptPolicy(AttemptPolicy attemptPolicy) {
            this.attemptPolicy = attemptPolicy;
            return this;
        }

        /** How often codes may be sent, and to which regions text messages may go. */
        public Builder sendLimits(SendLimits.Policy sendLimits, SmsRegions smsRegions) {
            this.sendLimits = sendLimits;
            this.smsRegions = smsRegions;
            return this;
        }

        /** The authenticator apps' parameters and the issuer they show. */
        public Builder totp(TotpParameters totpParameters, String issuer) {
            this.totpParameters = totpParameters;
            this.issuer = issuer;
            return this;
        }

        public Builder signUpLimit(SignUpLimit signUpLimit) {
            this.signUpLimit = signUpLimit;
            return this;
        }

        public Builder recoveryPolicy(RecoveryPolicy recoveryPolicy) {
            this.recoveryPolicy = recoveryPolicy;
            return this;
        }

        public Builder supportPolicy(SupportPolicy supportPolicy) {
            this.supportPolicy = supportPolicy;
            return this;
        }

        /** Where links in messages point, such as {@code https://id.example.jp}. */
        public Builder publicUrl(String publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        /** The region a phone number typed without its country code is read in, such as {@code JP}. */
        public Builder phoneRegion(String phoneRegion) {
            this.phoneRegion = phoneRegion;
            return this;
        }

        /**
         * The security checkup's nudges, pending account deletions, the erasure of an account's data, and how long a
         * deletion waits ({@code aikagi.account.delete-after}).
         */
        public Builder checkup(CheckupNudgeRepository checkupNudges, AccountDeletionRepository accountDeletions,
                               AccountErasureRepository accountErasure, Duration deleteAfter) {
            this.checkupNudges = checkupNudges;
            this.accountDeletions = accountDeletions;
            this.accountErasure = accountErasure;
            this.deleteAfter = deleteAfter;
            return this;
        }

        /** @throws NullPointerException naming the first input that was not given */
        public CoreAssembly build() {
            require(accounts, "accounts");
            require(totpFactors, "totpFactors");
            require(backupCodes, "backupCodes");
            require(attempts, "attempts");
            require(loginFlows, "loginFlows");
            require(sessions, "sessions");
            require(accountLinks, "accountLinks");
            require(auditLog, "auditLog");
            require(contactChannels, "contactChannels");
            require(oneTimeCodes, "oneTimeCodes");
            require(alertTokens, "alertTokens");
            require(knownDevices, "knownDevices");
            require(trustedDevices, "trustedDevices");
            require(trustedDeviceLifetime, "trustedDeviceLifetime");
            require(recoveries, "recoveries");
            require(supportCases, "supportCases");
            require(evidence, "evidence");
            require(roles, "roles");
            require(roleListings, "roleListings");
            require(deliveries, "deliveries");
            require(texts, "texts");
            require(passkeys, "passkeys");
            require(passkeyChallenges, "passkeyChallenges");
            require(passkeyCeremonies, "passkeyCeremonies");
            require(clock, "clock");
            require(generator, "generator");
            require(digester, "digester");
            require(cipher, "cipher");
            require(hasher, "hasher");
            require(transactions, "transactions");
            require(notificationSends, "notificationSends");
            require(recoverySends, "recoverySends");
            require(auditListeners, "auditListeners");
            require(sessionListener, "sessionListener");
            require(twoStepResets, "twoStepResets");
            require(passwordPolicy, "passwordPolicy");
            require(backupCodePolicy, "backupCodePolicy");
            require(attemptPolicy, "attemptPolicy");
            require(sendLimits, "sendLimits");
            require(smsRegions, "smsRegions");
            require(totpParameters, "totpParameters");
            require(issuer, "issuer");
            require(signUpLimit, "signUpLimit");
            require(recoveryPolicy, "recoveryPolicy");
            require(supportPolicy, "supportPolicy");
            require(publicUrl, "publicUrl");
            require(phoneRegion, "phoneRegion");
            require(checkupNudges, "checkupNudges");
            require(accountDeletions, "accountDeletions");
            require(accountErasure, "accountErasure");
            require(deleteAfter, "deleteAfter");
            return new CoreAssembly(this);
        }

        private static void require(Object value, String name) {
            Objects.requireNonNull(value, () -> "CoreAssembly needs " + name);
        }
    }
}
