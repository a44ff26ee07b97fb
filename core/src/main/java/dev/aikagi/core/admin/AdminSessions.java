package dev.aikagi.core.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An account's sessions as an operator lists and ends them (issue 18). Ending one is a sign-out done for the
 * person: the session ends, then what applications were given on its strength ({@link SessionListener}).
 */
public final class AdminSessions {

    private final AccountRepository accounts;
    private final Sessions sessions;
    private final SessionListener listener;
    private final Auditor audit;

    public AdminSessions(AccountRepository accounts, Sessions sessions, SessionListener listener, Auditor audit) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The account's active sessions, newest first. */
    public Outcome<List<Session>, AdminFailure> list(AccountId account) {
        if (accounts.findById(account).isEmpty()) {
            return Outcome.refused(AdminFailure.USER_NOT_FOUND);
        }
        return Outcome.done(sessions.active(account));
    }

    /** Ends one session of the account. */
    public Outcome<Session, AdminFailure> end(AccountId account, UUID sessionId, String by) {
        Objects.requireNonNull(by, "by");
        if (accounts.findById(account).isEmpty()) {
            return Outcome.refused(AdminFailure.USER_NOT_FOUND);
        }
        Optional<Session> session = sessionId == null ? Optional.empty() : sessions.findById(account, sessionId);
        if (session.isEmpty()) {
            return Outcome.refused(AdminFailure.SESSION_NOT_FOUND);
        }
        sessions.end(session.get());
        listener.signedOut(session.get());
        audit.record(AuditType.SESSION_ENDED_BY_ADMIN, account, null,
                Map.of("by", by, "session", session.get().id().toString()));
        return Outcome.done(session.get());
    }

    /** Ends every session of the account; returns how many. */
    public Outcome<Integer, AdminFailure> endAll(AccountId account, String by) {
        Objects.requireNonNull(by, "by");
        if (accounts.findById(account).isEmpty()) {
            return Outcome.refused(AdminFailure.USER_NOT_FOUND);
        }
        List<Session> active = sessions.active(account);
        for (Session session : active) {
            sessions.end(session);
            listener.signedOut(session);
        }
        sessions.endAll(account);
        // SESSIONS_ENDED also revokes every application's tokens for the account (the OpenID Connect side listens).
        audit.record(AuditType.SESSIONS_ENDED, account, null, Map.of("by", by, "count", String.valueOf(active.size())));
        return Outcome.done(active.size());
    }
}
