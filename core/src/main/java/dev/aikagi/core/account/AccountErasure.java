package dev.aikagi.core.account;

import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.store.Transactions;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Erasing an account's data (GDPR Art. 17; APPI Art. 35): the one way, for a deletion that came due and for an
 * operator's "delete user" alike. The sessions end first through the {@link SessionListener}, so what
 * applications were given on their strength is revoked as at a logout; then the store erases everything of the
 * account ({@link AccountErasureRepository}) and the erasure is audited under the account's id alone, which no
 * longer leads to a name.
 */
public final class AccountErasure {

    private final AccountRepository accounts;
    private final AccountErasureRepository erasure;
    private final Sessions sessions;
    private final SessionListener listener;
    private final Auditor audit;
    private final Transactions transactions;

    public AccountErasure(AccountRepository accounts, AccountErasureRepository erasure, Sessions sessions,
                          SessionListener listener, Auditor audit, Transactions transactions) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.erasure = Objects.requireNonNull(erasure, "erasure");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Erases the account now. Idempotent: an account erased already (or never there) changes nothing.
     *
     * @param reason why, for the audit record ({@code requested} after the waiting period, {@code admin}, …)
     * @return true when there was an account to erase
     */
    public boolean erase(AccountId accountId, String reason) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(reason, "reason");
        if (accounts.findById(accountId).isEmpty()) {
            return false;
        }
        List<Session> open = sessions.active(accountId);
        boolean erased = transactions.inTransaction(() -> {
            sessions.endAll(accountId);
            return erasure.erase(accountId);
        });
        if (erased) {
            open.forEach(listener::signedOut);
            audit.record(AuditType.ACCOUNT_ERASED, accountId, null, Map.of("reason", reason));
        }
        return erased;
    }

    /** {@link #erase(AccountId, String)} for an operator's "delete user". */
    public boolean erase(AccountId accountId) {
        return erase(accountId, "admin");
    }
}
