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
}
