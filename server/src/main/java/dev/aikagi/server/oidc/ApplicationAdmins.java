package dev.aikagi.server.oidc;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.flow.AssuranceLevel;
import dev.aikagi.server.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who may register applications: a session of an account listed in {@code aikagi.oidc.admins}, logged in
 * with two-step verification (AAL2), not a recovery session. Everyone else gets 404, as for a page that
 * does not exist.
 */
final class ApplicationAdmins implements HandlerInterceptor {

    static final String ADMIN = ApplicationAdmins.class.getName() + ".admin";

    private final Set<String> usernames;
    private final AccountRepository accounts;

    ApplicationAdmins(OidcProperties properties, AccountRepository accounts) {
        this.usernames = Set.copyOf(properties.admins());
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Optional<AccountId> admin = CurrentSession.get()
                .filter(s -> s.assurance() == AssuranceLevel.AAL2 && !s.isRecovery())
                .flatMap(s -> accounts.findById(s.accountId()))
                .filter(a -> usernames.contains(a.username()))
                .map(Account::id);
        if (admin.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return false;
        }
        request.setAttribute(ADMIN, admin.get());
        response.setHeader("Cache-Control", "no-store");
        return true;
    }
}
