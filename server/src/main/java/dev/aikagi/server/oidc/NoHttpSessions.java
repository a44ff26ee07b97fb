package dev.aikagi.server.oidc;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Keeps the authorization server from making servlet sessions. Its OpenID Connect session tracking asks the
 * request for an HttpSession at every authorization and remembers it in memory — state on one node, which
 * Aikagi does not keep: the login's session lives in the database, and {@code sid} and {@code auth_time}
 * come from it ({@link LoginFacts}). So the tracking gets a registry that remembers nothing, and the
 * authorization endpoint a stand-in session that stores nothing and never reaches the container.
 */
final class NoHttpSessions {

    private NoHttpSessions() {
    }

    /** A registry that remembers no session: nothing is tracked per node. */
    static SessionRegistry registry() {
        return new SessionRegistry() {
            @Override
            public List<Object> getAllPrincipals() {
                return List.of();
            }

            @Override
            public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
                return List.of();
            }

            @Override
            public SessionInformation getSessionInformation(String sessionId) {
                return null;
            }

            @Override
            public void refreshLastRequest(String sessionId) {
            }

            @Override
            public void registerNewSession(String sessionId, Object principal) {
            }

            @Override
            public void removeSessionInformation(String sessionId) {
            }
        };
    }

    /** The request, with a stand-in for the session it would otherwise create. */
    static HttpServletRequest wrap(HttpServletRequest request, String id) {
        HttpSession standIn = new StandIn(id, request.getServletContext());
        return new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession(boolean create) {
                return create ? standIn : null;
            }

            @Override
            public HttpSession getSession() {
                return standIn;
            }
        };
    }

    private record StandIn(String id, ServletContext context) implements HttpSession {
        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public long getLastAccessedTime() {
            return 0;
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {
        }

        @Override
        public int getMaxInactiveInterval() {
            return 0;
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void removeAttribute(String name) {
        }

        @Override
        public void invalidate() {
        }

        @Override
        public boolean isNew() {
            return true;
        }
    }
}
