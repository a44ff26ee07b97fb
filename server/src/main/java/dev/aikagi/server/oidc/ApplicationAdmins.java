package dev.aikagi.server.oidc;

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
 * Who may register applications: a session of an account holding the admin role (in the database, by
 * account id: issue 14, point 6; never a username compared with a list), logged in with two-step
 * verification (AAL2), not a recovery session. Everyone else gets 404, as for a page that
 * does not exist.
 */
final class ApplicationAdmins implements HandlerInterceptor {

    static final String ADMIN = ApplicationAdmins.class.getName() + ".admin";

    private final Roles roles;

    ApplicationAdmins(Roles roles) {
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Optional<AccountId> admin = CurrentSession.get()
                .filter(s -> s.assurance() == AssuranceLevel.AAL2 && !s.isRecovery())
                .map(Session::accountId)
                .filter(id -> roles.holds(id, Role.ADMIN));
        if (admin.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return false;
        }
        request.setAttribute(ADMIN, admin.get());
        response.setHeader("Cache-Control", "no-store");
        return true;
    }
}
