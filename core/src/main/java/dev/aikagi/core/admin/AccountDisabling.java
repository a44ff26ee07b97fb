package dev.aikagi.core.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.recovery.RecoveryCompletion;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.store.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Disabling and enabling accounts (issue 18). A disabled account cannot log in (the login says so only after
 * the right password, {@link dev.aikagi.core.login.LoginService}), recover ({@link
 * dev.aikagi.core.recovery.RecoveryService#start} treats it as unknown) or refresh tokens: disabling ends
 * every session the way a sign-out does, so the {@link SessionListener} revokes what applications were given
 * on their strength (OWASP ASVS 5 7.4.2: sessions end when an account is disabled), and cancels open
 * recoveries. Both are audited with who asked.
 */
public final class AccountDisabling {

    private final AccountRepository accounts;
    private final Sessions sessions;
    private final SessionListener listener;
    private final RecoveryCompletion recoveries;
    private final Auditor audit;
    private final Transactions transactions;
    private final Clock clock;

    public AccountDisabling(AccountRepository accounts, Sessions sessions, SessionListener listener,
                            RecoveryCompletion recoveries, Auditor audit, Transactions transactions, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.recoveries = Objects.requireNonNull(recoveries, "recoveries");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a disable or enable did. */
    public enum Change {
        /** The account is now disabled (or enabled). */
        CHANGED,
        /** It already was. */
        UNCHANGED
    }

    /**
     * Disables the account and ends its sessions.
     *
     * @param by who asked: {@code client:<client id>} or {@code command}
     */
    public Outcome<Change, AdminFailure> disable(AccountId id, String by) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(by, "by");
        return transactions.inTransaction(() -> {
            if (accounts.findById(id).isEmpty()) {
                return Outcome.refused(AdminFailure.USER_NOT_FOUND);
            }
            if (!accounts.disable(id, clock.instant())) {
                return Outcome.done(Change.UNCHANGED);
            }
            int ended = endSessions(id);
            recoveries.cancelAll(id, null, "disabled");
            audit.record(AuditType.ACCOUNT_DISABLED, id, null,
                    Map.of("by", by, "sessionsEnded", String.valueOf(ended)));
            return Outcome.done(Change.CHANGED);
        });
    }

    /** Enables a disabled account; the person logs in as before. */
    public Outcome<Change, AdminFailure> enable(AccountId id, String by) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(by, "by");
        return transactions.inTransaction(() -> {
            if (accounts.findById(id).isEmpty()) {
                return Outcome.refused(AdminFailure.USER_NOT_FOUND);
            }
            if (!accounts.enable(id)) {
                return Outcome.done(Change.UNCHANGED);
            }
            audit.record(AuditType.ACCOUNT_ENABLED, id, null, Map.of("by", by));
            return Outcome.done(Change.CHANGED);
        });
    }

    /** Whether the account is disabled; false for an account that does not exist. */
    public boolean isDisabled(AccountId id) {
        return accounts.findById(id).map(Account::isDisabled).orElse(false);
    }

    /** Ends every session of the account as a sign-out does: the session, then what it gave out. */
    int endSessions(AccountId id) {
        List<Session> active = sessions.active(id);
        for (Session session : active) {
            sessions.end(session);
            listener.signedOut(session);
        }
        // Sessions that were past their lifetime but not yet swept are removed too.
        sessions.endAll(id);
        return active.size();
    }
}
