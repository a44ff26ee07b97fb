package dev.aikagi.server.web;

import dev.aikagi.core.session.Session;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/** The session of the request being served, if it is signed in. */
public final class CurrentSession {

    private CurrentSession() {
    }

    public static Optional<Session> get() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof SessionAuthentication s ? Optional.of(s.session()) : Optional.empty();
    }

    /** The session of a request that the security chain already required to be signed in. */
    public static Session required() {
        return get().orElseThrow(() -> new IllegalStateException("request reached a signed-in handler without a session"));
    }
}
