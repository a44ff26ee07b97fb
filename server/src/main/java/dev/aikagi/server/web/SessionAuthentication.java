package dev.aikagi.server.web;

import dev.aikagi.core.session.Session;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an Aikagi session (cookie or bearer token). Never carries the token. */
public final class SessionAuthentication extends AbstractAuthenticationToken {

    private final Session session;

    public SessionAuthentication(Session session) {
        // A session opened by a completed recovery may only set up new factors (SecurityConfiguration).
        super(List.of(new SimpleGrantedAuthority(session.isRecovery() ? "ROLE_RECOVERY" : "ROLE_USER"),
                new SimpleGrantedAuthority("AAL_" + session.assurance().name())));
        this.session = Objects.requireNonNull(session, "session");
        setAuthenticated(true);
    }

    public Session session() {
        return session;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return session;
    }

    @Override
    public String getName() {
        return session.accountId().toString();
    }
}
