package dev.aikagi.core.recovery;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.notify.KnownDeviceRepository;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.trust.TrustedDevices;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The end of an account recovery (product journey 7): after the proofs and the waiting period of
 * {@link RecoveryService}, {@link #complete} resets the account's factors once; before that, the owner's
 * login or "this wasn't me" cancels ({@link #cancelAll}); after it, email and phone stay frozen for a while
 * ({@link #contactsFrozenUntil}).
 */
public final class RecoveryCompletion {

    private final RecoveryRepository cases;
    private final ContactChannelRepository channels;
    private final TotpAuthenticator totp;
    private final BackupCodes backupCodes;
    private final Sessions sessions;
    private final KnownDeviceRepository devices;
    private final AttemptRepository attempts;
    private final AttemptGuard guard;
    private final Auditor audit;
    private final RecoveryPolicy policy;
    private final Transactions transactions;
    private final Clock clock;
    private final TrustedDevices trusted;
    private final dev.aikagi.core.factor.passkey.PasskeyEnrollment passkeys;

    /**
     * @param passkeys the accounts' passkeys (issue 17): a completed recovery removes them with the app, since they
     *     may be on the lost phone, and a passkey alone is a whole login
     * @param transactions what {@link #complete} runs in: marking the case completed, ending sessions, removing
     *     the app and issuing new backup codes happen together or not at all (a crash between them must not
     *     leave a completed recovery without new codes)
     */
    public RecoveryCompletion(RecoveryRepository cases, ContactChannelRepository channels, TotpAuthenticator totp,
                              BackupCodes backupCodes, Sessions sessions, KnownDeviceRepository devices,
                              AttemptRepository attempts, AttemptGuard guard, Auditor audit, RecoveryPolicy policy,
                              Transactions transactions, Clock clock, TrustedDevices trusted,
                              dev.aikagi.core.factor.passkey.PasskeyEnrollment passkeys) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    /**
     * Completes a recovery whose waiting period is over, once. Returns a session limited to setting up new
     * factors, and a new set of backup codes.
     */
    public Outcome<RecoveryService.Completed, RecoveryFailure> complete(UUID id, String token, Session.Kind kind, ClientAddress from) {
        return transactions.inTransaction(() -> completeNow(id, token, kind, from));
    }

    private Outcome<RecoveryService.Completed, RecoveryFailure> completeNow(UUID id, String token, Session.Kind kind, ClientAddress from) {
        Instant now = clock.instant();
        Optional<RecoveryCase> found = RecoveryService.owned(cases, id, token);
        if (found.isEmpty()) {
            return Outcome.refused(RecoveryFailure.NOT_FOUND);
        }
        RecoveryState state = found.get().state(now);
        if (state == RecoveryState.NEEDS_MORE_PROOF || state == RecoveryState.WAITING) {
            return Outcome.refused(RecoveryFailure.NOT_READY);
        }
        if (state != RecoveryState.READY || !cases.complete(id, now)) {
            return Outcome.refused(RecoveryFailure.CLOSED);
        }
        AccountId account = found.get().accountId().orElseThrow();
        int ended = sessions.endAll(account);
        devices.forgetAll(account);
        // Issue 17: a trusted browser must not skip the second step of the recovered account (the thief's may be one).
        trusted.endAll(account, from.value(), "recovery");
        totp.remove(account);
        passkeys.removeAll(account);
        // The phone stays a login method only if it was one of the proofs just given.
        channels.setSmsLogin(account, found.get().proofs().contains(Proof.SMS));
        IssuedBackupCodes codes = backupCodes.issue(account, now);
        guard.resetAccount(account.toString());
        // The owner's success: the username's password budgets start again (the case's own dies with it).
        attempts.reset(RecoveryService.passwordKey(found.get().subject(), false));
        attempts.reset(RecoveryService.passwordKey(found.get().subject(), true));
        audit.record(AuditType.RECOVERY_COMPLETED, account, from.value(),
                Map.of("recovery", id.toString(), "sessionsEnded", String.valueOf(ended)));
        return Outcome.done(new RecoveryService.Completed(sessions.openRecovery(account, kind), codes));
    }

    /** Cancels the account's open recoveries (the owner followed a notice's link); returns how many. */
    public int cancelAll(AccountId account, String clientAddress, String reason) {
        int cancelled = cases.cancelOpen(account, clock.instant());
        if (cancelled > 0) {
            audit.record(AuditType.RECOVERY_CANCELLED, account, clientAddress,
                    Map.of("reason", reason, "cases", String.valueOf(cancelled)));
        }
        return cancelled;
    }

    /** Until when email and phone of the account cannot be changed after a recovery, if they are frozen now. */
    public Optional<Instant> contactsFrozenUntil(AccountId account) {
        Instant now = clock.instant();
        return cases.lastCompletedAt(account).map(at -> at.plus(policy.contactFreeze())).filter(now::isBefore);
    }

    /**
     * A normal, complete login by the owner cancels any recovery in progress. Told of every audited event (an
     * {@link dev.aikagi.core.audit.AuditListener} of the core's auditor, as the {@link dev.aikagi.core.CoreAssembly}
     * makes it).
     */
    public void recorded(AuditEvent event) {
        if (event.type() == AuditType.LOGIN_SUCCEEDED && event.accountId() != null) {
            cancelAll(event.accountId(), event.clientAddress(), "login");
        }
    }
}
