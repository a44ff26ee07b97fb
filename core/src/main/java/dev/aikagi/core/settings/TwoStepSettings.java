package dev.aikagi.core.settings;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.passkey.PasskeyEnrollment;
import dev.aikagi.core.factor.password.HashingBusyException;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.sms.SmsFactor;
import dev.aikagi.core.factor.totp.AuthenticatorApp;
import dev.aikagi.core.factor.totp.AuthenticatorNames;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.trust.TrustedDevices;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turning two-step verification on and off, and managing backup codes, for the account a session
 * signed in to (journeys 2, 3 and 6 of the product brief).
 *
 * <p>Every change of a factor needs recent authentication (NIST SP 800-63B-4 §4.1.2.1): a sign-in or a
 * re-entered password within {@link Session#REAUTH_WINDOW}. Making new backup codes, showing them again
 * and turning two-step verification off take the password with the request itself. Password checks
 * share the login's failure budget, so a stolen session cannot guess the password faster than a login.
 *
 * <p>On an account with two-step verification on, every such change (and seeing the backup codes) also needs
 * a session at AAL2 (NIST SP 800-63B-4 §4.1.2.1: binding an authenticator needs authentication at the AAL the
 * account has; §5.1 and STANDARDS rule 28): a session that proved only the password is refused with
 * {@link SettingsProblem#SECOND_FACTOR_REQUIRED} until it steps up ({@link StepUp}). A recovery session is the
 * exception it always was: the recovery proved two other things, and it may only set the account up again.
 * Turning two-step verification on ends every other session of the account (they proved only the password) and
 * raises the session that proved the new factor to AAL2.
 */
public final class TwoStepSettings {

    /**
     * A confirmed authenticator; {@code firstBackupCodes} is set when this turned two-step verification on, and
     * {@code raised} is then the session raised to AAL2 (empty for a recovery session, which is never raised).
     */
    public record TotpConfirmed(Optional<IssuedBackupCodes> firstBackupCodes, Optional<Sessions.Raised> raised) {
    }

    /** The first method turned two-step verification on: the first backup codes and the session raised. */
    record TurnedOn(Optional<IssuedBackupCodes> firstBackupCodes, Optional<Sessions.Raised> raised) {
        static final TurnedOn NOTHING = new TurnedOn(Optional.empty(), Optional.empty());
    }

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final TotpAuthenticator totp;
    private final BackupCodes backupCodes;
    private final SmsFactor sms;
    private final AttemptGuard guard;
    private final Sessions sessions;
    private final Auditor audit;
    private final Transactions transactions;
    private final Clock clock;
    private final TrustedDevices trusted;
    private final PasskeyEnrollment passkeys;

    /**
     * @param passkeys the accounts' passkeys (issue 17): one is a method of its own, so it keeps two-step
     *     verification on, and turning two-step verification off removes them
     * @param transactions what a change runs in (here and in {@link ContactSettings}): the change and its audit
     *     record (which tells the owner) are stored together or not at all, so a crash between them can neither
     *     turn two-step verification half off nor change a factor without the notice. Attempts are counted
     *     outside, so a rolled-back change never takes a counted failure back.
     */
    /** Two-step settings for accounts without passkeys (the core's older tests). */
    public TwoStepSettings(AccountRepository accounts, PasswordHasher hasher, TotpAuthenticator totp,
                           BackupCodes backupCodes, SmsFactor sms, AttemptGuard guard, Sessions sessions, Auditor audit,
                           Transactions transactions, Clock clock, TrustedDevices trusted) {
        this(accounts, hasher, totp, backupCodes, sms, guard, sessions, audit, transactions, clock, trusted,
                PasskeyEnrollment.NONE);
    }

    public TwoStepSettings(AccountRepository accounts, PasswordHasher hasher, TotpAuthenticator totp,
                           BackupCodes backupCodes, SmsFactor sms, AttemptGuard guard, Sessions sessions, Auditor audit,
                           Transactions transactions, Clock clock, TrustedDevices trusted,
                           PasskeyEnrollment passkeys) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    /** Runs a change of the account's factors or contacts with its audit records, all or none. */
    <T> T inOneTransaction(Supplier<T> change) {
        return transactions.inTransaction(change);
    }

    public TwoStepStatus status(AccountId accountId) {
        boolean totpEnrolled = totp.isEnrolled(accountId);
        Optional<ContactChannel> phone = sms.phone(accountId);
        Optional<BackupCodeView> view = backupCodes.view(accountId, false);
        boolean passkeyEnrolled = passkeys.isEnrolled(accountId);
        return new TwoStepStatus(totpEnrolled || phone.isPresent() || passkeyEnrolled, totpEnrolled,
                view.map(BackupCodeView::createdAt), view.map(v -> v.entries().size()).orElse(0),
                view.map(BackupCodeView::remaining).orElse(0), phone.isPresent(), phone.map(ContactChannel::masked),
                passkeyEnrolled);
    }

    /**
     * Issue 18, an operator's two-step reset: removes every passkey of the account (when {@code passkeysToo}) and
     * ends the trust of every browser and app, which skipped the second step the reset takes away.
     */
    public void resetByOperator(AccountId id, boolean passkeysToo) {
        if (passkeysToo) {
            passkeys.removeAll(id);
        }
        trusted.endAll(id, null, "two_step");
    }

    /** Two-step verification is on: the account has an authenticator app, SMS login or a passkey. */
    public boolean isEnabled(AccountId accountId) {
        return totp.isEnrolled(accountId) || sms.isEnrolled(accountId) || passkeys.isEnrolled(accountId);
    }

    /** How many methods the account has: the app, SMS login, and each passkey. */
    int methodCount(AccountId accountId) {
        return (totp.isEnrolled(accountId) ? 1 : 0) + (sms.isEnrolled(accountId) ? 1 : 0) + passkeys.count(accountId);
    }

    /**
     * Called when a method was added, inside the change's transaction: the first method turns two-step
     * verification on, issues the first set of backup codes, valid from this moment, ends every other session
     * of the account (their proof, the password alone, is below the account's new bar: NIST SP 800-63B-4
     * §4.1.2.1, STANDARDS rule 28; the audit record tells the owner and revokes the applications' tokens, as a
     * new password does) and raises {@code session}, which just proved {@code method}, to AAL2.
     */
    TurnedOn methodAdded(Session session, FactorKind method, boolean wasEnabled, ClientAddress from) {
        if (wasEnabled) {
            return TurnedOn.NOTHING;
        }
        AccountId id = session.accountId();
        int ended = sessions.endOthers(session);
        // Issue 17: two-step verification turned on again starts with no trusted device.
        trusted.endAll(id, from.value(), "two_step");
        audit.record(AuditType.TWO_STEP_ENABLED, id, from.value(), Map.of("sessionsEnded", String.valueOf(ended)));
        Optional<Sessions.Raised> raised = session.isRecovery() ? Optional.empty() : sessions.raise(session, method);
        if (backupCodes.hasCodes(id)) {
            return new TurnedOn(Optional.empty(), raised);
        }
        IssuedBackupCodes issued = backupCodes.issue(id, clock.instant());
        audit.record(AuditType.BACKUP_CODES_CREATED, id, from.value(), Map.of("count", String.valueOf(issued.codes().size())));
        return new TurnedOn(Optional.of(issued), raised);
    }

    /**
     * Whether this session must prove a second factor before a change: two-step verification is on, and the
     * session is neither at AAL2 nor the session of a completed recovery.
     */
    public boolean needsSecondFactor(Session session) {
        return !session.isRecovery() && session.assurance() != AssuranceLevel.AAL2 && isEnabled(session.accountId());
    }

    /**
     * Removes one method (the authenticator app or SMS login) after the password, keeping two-step
     * verification on with the other. Removing the last method is refused: that is {@link #disable}.
     */
    public Outcome<TwoStepStatus, SettingsProblem> removeMethod(Session session, FactorKind method, String password,
                                                       ClientAddress from) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        boolean hasTotp = totp.isEnrolled(id);
        boolean hasSms = sms.isEnrolled(id);
        boolean has = method == FactorKind.TOTP ? hasTotp : method == FactorKind.SMS && hasSms;
        if (!has) {
            return Outcome.refused(SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        if (methodCount(id) < 2) {
            return Outcome.refused(SettingsProblem.LAST_METHOD);
        }
        Outcome<Account, SettingsProblem> checked = checkPassword(id, password, from);
        if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        sessions.markReauthenticated(session);
        transactions.inTransaction(() -> {
            if (method == FactorKind.TOTP) {
                totp.remove(id);
                audit.record(AuditType.TOTP_REMOVED, id, from.value(), Map.of("method", "otp"));
            } else {
                sms.disable(id);
                audit.record(AuditType.SMS_LOGIN_DISABLED, id, from.value(), Map.of("method", "sms"));
            }
            return null;
        });
        return Outcome.done(status(id));
    }

    /** Whether the session may change factors now without entering the password again. */
    public boolean isRecentlyAuthenticated(Session session) {
        Instant now = clock.instant();
        return now.isBefore(session.createdAt().plus(Session.REAUTH_WINDOW)) || session.isReauthenticatedAt(now);
    }

    /** Re-enters the password: opens sensitive actions for {@link Session#REAUTH_WINDOW}. */
    public Outcome<Session, SettingsProblem> reauthenticate(Session session, String password, ClientAddress from) {
        Outcome<Account, SettingsProblem> checked = checkPassword(session.accountId(), password, from);
        if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        audit.record(AuditType.REAUTHENTICATED, session.accountId(), from.value());
        return Outcome.done(sessions.markReauthenticated(session));
    }

    /** Starts adding an authenticator app: a new key, shown as QR code and text. */
    public Outcome<TotpEnrollment, SettingsProblem> startTotp(Session session) {
        return startTotp(session, null);
    }

    /**
     * Starts adding an authenticator app called {@code name} (null or blank: no name) while the account's other
     * apps keep working; refused once the account has {@link TotpAuthenticator#MAX_CONFIRMED} (issue 17).
     */
    public Outcome<TotpEnrollment, SettingsProblem> startTotp(Session session, String name) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!isRecentlyAuthenticated(session)) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        Optional<String> normalized = AuthenticatorNames.normalize(name);
        if (normalized.isEmpty()) {
            return Outcome.refused(SettingsProblem.AUTHENTICATOR_NAME_INVALID);
        }
        if (totp.isFull(session.accountId())) {
            return Outcome.refused(SettingsProblem.TOO_MANY_AUTHENTICATORS);
        }
        Account account = account(session.accountId());
        return Outcome.done(totp.begin(account.id(), account.username(), normalized.get(), clock.instant()));
    }

    /**
     * The enrolment still waiting for its first code, shown again with the same key (a mistyped code must not send
     * the person back to the start). The same rules as {@link #startTotp}: only to the session that may add an app.
     */
    public Outcome<TotpEnrollment, SettingsProblem> pendingTotp(Session session) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!isRecentlyAuthenticated(session)) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        Account account = account(session.accountId());
        return totp.pending(account.id(), account.username())
                .<Outcome<TotpEnrollment, SettingsProblem>>map(Outcome::done)
                .orElseGet(() -> Outcome.refused(SettingsProblem.NO_PENDING_ENROLLMENT));
    }

    /** The name given to the enrolment waiting for its first code ("" if none). */
    public String pendingTotpName(AccountId accountId) {
        return totp.pendingName(accountId);
    }

    /** The account's authenticator apps, oldest first: name, when added, when last used. */
    public List<AuthenticatorApp> authenticators(AccountId accountId) {
        return totp.apps(accountId);
    }

    /**
     * Removes one authenticator app after the password, telling the owner on the other channels (the audit record
     * {@link AuditType#TOTP_REMOVED}); the account's other apps stay. Removing the account's last second step is
     * refused, as {@link #removeMethod} does: that is {@link #disable}.
     */
    public Outcome<TwoStepStatus, SettingsProblem> removeAuthenticator(Session session, UUID appId, String password,
                                                                  ClientAddress from) {
        Objects.requireNonNull(appId, "appId");
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        List<AuthenticatorApp> apps = totp.apps(id);
        if (apps.stream().noneMatch(a -> a.id().equals(appId))) {
            return Outcome.refused(SettingsProblem.AUTHENTICATOR_NOT_FOUND);
        }
        if (apps.size() == 1 && !sms.isEnrolled(id) && !passkeys.isEnrolled(id)) {
            return Outcome.refused(SettingsProblem.LAST_METHOD);
        }
        Outcome<Account, SettingsProblem> checked = checkPassword(id, password, from);
        if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        sessions.markReauthenticated(session);
        boolean removed = transactions.inTransaction(() -> {
            if (!totp.remove(id, appId)) {
                return false;
            }
            audit.record(AuditType.TOTP_REMOVED, id, from.value(),
                    Map.of("method", "otp", "remaining", String.valueOf(apps.size() - 1)));
            return true;
        });
        return removed ? Outcome.done(status(id)) : Outcome.refused(SettingsProblem.AUTHENTICATOR_NOT_FOUND);
    }

    /**
     * Texts a code for turning two-step verification off ({@link #disable} with {@link FactorKind#SMS}), bound to
     * this session as a step-up code is, cooled down and capped like a login code.
     */
    public Outcome<StepUp.CodeSent, SettingsProblem> sendDisableCode(Session session, ClientAddress from) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        if (!sms.isEnrolled(id)) {
            return Outcome.refused(isEnabled(id) ? SettingsProblem.METHOD_NOT_AVAILABLE
                    : SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        SendResult result = sms.sendLoginCode(id, session.id(), clock.instant());
        return switch (result) {
            case SendResult.Sent sent -> {
                audit.record(AuditType.CODE_SENT, id, from.value(), Map.of("purpose", "two_step_disable", "channel", "sms"));
                yield Outcome.done(new StepUp.CodeSent(sent.destination(), sent.nextSendAt()));
            }
            case SendResult.Throttled throttled -> {
                audit.record(AuditType.CODE_SEND_THROTTLED, id, from.value(), Map.of("purpose", "two_step_disable"));
                yield Outcome.refused(SettingsProblem.TOO_MANY_SENDS, Optional.of(throttled.retryAt()));
            }
            case SendResult.DeliveryFailed failed -> {
                audit.record(AuditType.CODE_SEND_FAILED, id, from.value(), Map.of("purpose", "two_step_disable"));
                yield Outcome.refused(SettingsProblem.DELIVERY_FAILED);
            }
            case SendResult.RegionNotAllowed notAllowed -> Outcome.refused(SettingsProblem.PHONE_REGION_NOT_ALLOWED);
        };
    }

    /**
     * Confirms the new authenticator with one code. The first time, this turns two-step verification on
     * and issues the first set of backup codes, valid from this moment.
     */
    public Outcome<TotpConfirmed, SettingsProblem> confirmTotp(Session session, String code, ClientAddress from) {
        return confirmTotp(session, code, null, from);
    }

    /**
     * {@link #confirmTotp(Session, String, ClientAddress)}, naming the new app {@code name} (null: keep the name
     * given when it was started). The new app is added to the account's others, up to
     * {@link TotpAuthenticator#MAX_CONFIRMED}.
     */
    public Outcome<TotpConfirmed, SettingsProblem> confirmTotp(Session session, String code, String name,
                                                           ClientAddress from) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!isRecentlyAuthenticated(session)) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        AccountId id = session.accountId();
        Optional<String> newName = name == null ? Optional.empty() : AuthenticatorNames.normalize(name);
        if (name != null && newName.isEmpty()) {
            return Outcome.refused(SettingsProblem.AUTHENTICATOR_NAME_INVALID);
        }
        // One pending enrolment per account at a time, so confirmed apps only grow through this check.
        if (totp.isFull(id)) {
            return Outcome.refused(SettingsProblem.TOO_MANY_AUTHENTICATORS);
        }
        AttemptGuard.Result attempt = guard.begin(FactorKind.TOTP, id.toString(), from.value(), clock.instant());
        if (attempt.rejection().isPresent()) {
            return SettingsProblem.rejected(attempt.rejection().get());
        }
        boolean wasEnabled = isEnabled(id);
        boolean hadTotp = totp.isEnrolled(id);
        // The new authenticator, its audit record and (the first time) the first backup codes: all or none.
        Confirmation confirmed = transactions.inTransaction(() -> {
            newName.ifPresent(n -> totp.renamePending(id, n));
            Verification result = totp.confirm(id, code, clock.instant());
            if (result instanceof Verification.Rejected) {
                return new Confirmation(result, TurnedOn.NOTHING);
            }
            audit.record(AuditType.TOTP_ENROLLED, id, from.value(),
                    Map.of("method", "otp", "replaced", "false", "another", String.valueOf(hadTotp)));
            return new Confirmation(result, methodAdded(session, FactorKind.TOTP, wasEnabled, from));
        });
        if (confirmed.result() instanceof Verification.Rejected rejected) {
            return rejected.reason() == RejectReason.NOT_ENROLLED
                    ? Outcome.refused(SettingsProblem.NO_PENDING_ENROLLMENT)
                    : SettingsProblem.rejected(rejected);
        }
        guard.succeeded(attempt.ticket().orElseThrow());
        return Outcome.done(new TotpConfirmed(confirmed.turnedOn().firstBackupCodes(), confirmed.turnedOn().raised()));
    }

    private record Confirmation(Verification result, TurnedOn turnedOn) {
    }

    /** "Get new codes": a new set after the password; every older code stops working at once. */
    public Outcome<IssuedBackupCodes, SettingsProblem> regenerateBackupCodes(Session session, String password, ClientAddress from) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        if (!isEnabled(id)) {
            return Outcome.refused(SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        Outcome<Account, SettingsProblem> checked = checkPassword(id, password, from);
        if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        sessions.markReauthenticated(session);
        IssuedBackupCodes issued = transactions.inTransaction(() -> {
            IssuedBackupCodes codes = backupCodes.issue(id, clock.instant());
            audit.record(AuditType.BACKUP_CODES_CREATED, id, from.value(),
                    Map.of("count", String.valueOf(codes.codes().size())));
            return codes;
        });
        return Outcome.done(issued);
    }

    /** Shows the current set again after the password (audited); refused in "show once" mode. */
    public Outcome<BackupCodeView, SettingsProblem> revealBackupCodes(Session session, String password, ClientAddress from) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        if (!backupCodes.hasCodes(id)) {
            return Outcome.refused(SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        if (backupCodes.policy().showOnce()) {
            return Outcome.refused(SettingsProblem.CODES_NOT_SHOWABLE);
        }
        Outcome<Account, SettingsProblem> checked = checkPassword(id, password, from);
        if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        sessions.markReauthenticated(session);
        audit.record(AuditType.BACKUP_CODES_VIEWED, id, from.value());
        return Outcome.done(backupCodes.view(id, true).orElseThrow());
    }

    /**
     * The codes for a download or a print view, right after they were shown: allowed only while the password
     * re-entered in this session still counts ({@link Session#REAUTH_WINDOW}), as showing them needs the password
     * (a fresh sign-in is not enough: a copy of the codes is as good as seeing them). Audited as {@code purpose}.
     */
    public Outcome<BackupCodeView, SettingsProblem> backupCodesFor(Session session, AuditType purpose, ClientAddress from) {
        if (purpose != AuditType.BACKUP_CODES_DOWNLOADED && purpose != AuditType.BACKUP_CODES_VIEWED) {
            throw new IllegalArgumentException("not a backup-code audit type: " + purpose);
        }
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        if (!session.isReauthenticatedAt(clock.instant())) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        if (backupCodes.policy().showOnce()) {
            return Outcome.refused(SettingsProblem.CODES_NOT_SHOWABLE);
        }
        Optional<BackupCodeView> view = backupCodes.view(id, true);
        if (view.isEmpty()) {
            return Outcome.refused(SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        audit.record(purpose, id, from.value());
        return Outcome.done(view.get());
    }

    /**
     * Turns two-step verification off: needs the password and a code of a second factor (so a thief
     * with only the password, or only the session, cannot): an authenticator app's, a backup code, or an SMS code
     * sent by {@link #sendDisableCode}. Removes every authenticator app and every code.
     */
    public Outcome<TwoStepStatus, SettingsProblem> disable(Session session, String password, FactorKind method, String code,
                                                  ClientAddress from) {
        if (needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        if (!isEnabled(id)) {
            return Outcome.refused(SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        Outcome<Account, SettingsProblem> checked = checkPassword(id, password, from);
        if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        // SMS: a code sent by sendDisableCode to this session (issue 17: an SMS-only account needs no backup code).
        FactorKind kind = method == FactorKind.SMS ? FactorKind.SMS
                : method == FactorKind.BACKUP_CODE || !totp.isEnrolled(id) ? FactorKind.BACKUP_CODE : FactorKind.TOTP;
        if (kind == FactorKind.SMS && !sms.isEnrolled(id)) {
            return Outcome.refused(SettingsProblem.METHOD_NOT_AVAILABLE);
        }
        AttemptGuard.Result attempt = guard.begin(kind, id.toString(), from.value(), clock.instant());
        if (attempt.rejection().isPresent()) {
            return SettingsProblem.rejected(attempt.rejection().get());
        }
        Verification result = switch (kind) {
            case TOTP -> totp.verify(id, code, clock.instant());
            case SMS -> sms.verifyLoginCode(id, session.id(), code, clock.instant());
            default -> backupCodes.verify(id, code, clock.instant());
        };
        if (result instanceof Verification.Rejected rejected) {
            return SettingsProblem.rejected(rejected);
        }
        guard.succeeded(attempt.ticket().orElseThrow());
        transactions.inTransaction(() -> {
            totp.remove(id);
            sms.disable(id);
            passkeys.removeAll(id);
            backupCodes.remove(id);
            // Issue 17: with two-step verification off nothing is left to skip; turning it on again trusts nobody.
            trusted.endAll(id, from.value(), "two_step");
            audit.record(AuditType.TWO_STEP_DISABLED, id, from.value(), Map.of("method", kind.amr()));
            return null;
        });
        return Outcome.done(status(id));
    }

    Outcome<Account, SettingsProblem> checkPassword(AccountId id, String password, ClientAddress from) {
        Account account = account(id);
        // Its own budget, not the login's ("user:<name>"): strangers' wrong logins must not keep a signed-in owner
        // from re-entering the password (issue 14), and only a session of this account can count here.
        AttemptGuard.Result attempt = guard.begin(FactorKind.PASSWORD, "signed-in:" + id, from.value(),
                clock.instant());
        if (attempt.rejection().isPresent()) {
            return SettingsProblem.rejected(attempt.rejection().get());
        }
        boolean right;
        try {
            right = hasher.verify(password == null ? "" : password, account.passwordHash());
        } catch (HashingBusyException busy) {
            // Nothing was checked (issue 15): the attempt does not count.
            guard.notChecked(attempt.ticket().orElseThrow());
            throw busy;
        }
        if (!right) {
            return Outcome.refused(SettingsProblem.PASSWORD_WRONG);
        }
        guard.succeeded(attempt.ticket().orElseThrow());
        return Outcome.done(account);
    }

    private Account account(AccountId id) {
        return accounts.findById(id).orElseThrow(() -> new IllegalStateException("session of a deleted account " + id));
    }

}
