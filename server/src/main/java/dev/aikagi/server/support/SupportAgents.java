package dev.aikagi.server.support;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who may use the support console: a signed-in session of an account holding the support-agent role (in the
 * database, by account id: issue 14, point 6; never a username compared with a list), logged in with
 * two-step verification (AAL2), and not a recovery session. Everyone else gets 404, the same
 * as for a page that does not exist, so the console does not reveal itself. The page chain lets every path
 * outside /settings through, so this interceptor is the console's only gate: it covers /support/** except
 * the public request form and the approval link.
 */
public final class SupportAgents implements HandlerInterceptor {

    /** The request attribute holding the agent's account id, for the console's controllers. */
    public static final String AGENT = SupportAgents.class.getName() + ".agent";

    private final Roles roles;

    public SupportAgents(Roles roles) {
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /** The agent's account, if the session may use the console. */
    public Optional<AccountId> agent(Optional<Session> session) {
        return session
                .filter(s -> s.assurance() == AssuranceLevel.AAL2 && !s.isRecovery())
                .map(Session::accountId)
                .filter(id -> roles.holds(id, Role.SUPPORT_AGENT));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Optional<AccountId> agent = agent(CurrentSession.get());
        if (agent.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return false;
        }
        request.setAttribute(AGENT, agent.get());
        // Requests, evidence and account facts are personal data: never kept by a browser or proxy.
        response.setHeader("Cache-Control", "no-store");
        return true;
    }
}
