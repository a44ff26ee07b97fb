package dev.aikagi.core.login;

import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.util.Objects;

/**
 * Logging out, the one way for the page and the JSON API alike: the session ends, what applications were given
 * on its strength ends with it ({@link SessionListener}), and the logout is audited (OWASP ASVS 5 7.4.1: the
 * session is invalidated on the server, not only forgotten by the client).
 */
public final class SignOut {

    private final Sessions sessions;
    private final SessionListener listener;
    private final Auditor audit;

    public SignOut(Sessions sessions, SessionListener listener, Auditor audit) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The outcome of {@link #signOut}: the session ended, and what it gave out with it. */
    public record SignedOut(Session session) {
        public SignedOut {
            Objects.requireNonNull(session, "session");
        }
    }

    /** Ends {@code session}, which the request was authenticated with, and everything it gave out. */
    public SignedOut signOut(Session session, ClientAddress from) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(from, "from");
        sessions.end(session);
        listener.signedOut(session);
        audit.record(AuditType.LOGOUT, session.accountId(), from.value());
        return new SignedOut(session);
    }

    /**
     * Ends another session of the same account ("log out" on one row of the security page): found by its id
     * among the account's own active sessions only, so an id of someone else's session ends nothing. What it gave
     * out ends with it, as at a logout.
     *
     * @return the session ended, or empty when {@code id} is not one of the account's active sessions
     */
    public java.util.Optional<Session> endSession(Session current, java.util.UUID id, ClientAddress from) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        java.util.Optional<Session> target = sessions.findById(current.accountId(), id);
        target.ifPresent(ended -> {
            sessions.end(ended);
            listener.signedOut(ended);
            audit.record(AuditType.SESSION_ENDED, current.accountId(), from.value(),
                    java.util.Map.of("current", String.valueOf(ended.id().equals(current.id()))));
        });
        return target;
    }

    /** "Log out everywhere else": ends every other session of the account, each as at a logout; returns how many. */
    public int endOthers(Session current, ClientAddress from) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(from, "from");
        int ended = 0;
        for (Session other : sessions.active(current.accountId())) {
            if (!other.id().equals(current.id())) {
                sessions.end(other);
                listener.signedOut(other);
                ended++;
            }
        }
        audit.record(AuditType.SESSIONS_ENDED, current.accountId(), from.value(),
                java.util.Map.of("count", String.valueOf(ended), "by", "person"));
        return ended;
    }
}
