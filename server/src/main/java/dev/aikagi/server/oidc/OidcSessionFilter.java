package dev.aikagi.server.oidc;

import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs the authorization and logout endpoints in with the browser's Aikagi session — unless the application
 * asked for more than that session proved. A request with {@code prompt=login}, a {@code max_age} the session
 * is older than, or {@code acr_values=aal2} from a one-factor session of an account that has two-step
 * verification, is served as if nobody were signed in: the person logs in again (the pages show the login
 * form even though a session exists), and only a session that began after the request counts — known by the
 * signed cookie {@link PendingAuthorization} made for this very request. A session opened by an account
 * recovery is never signed in here.
 *
 * <p>A one-factor session of an account without two-step verification cannot give {@code aal2} however often
 * the person logs in: the authorization endpoint answers {@code unmet_authentication_requirements}
 * ({@link AcrRequirement}), never a weaker login.
 */
final class OidcSessionFilter extends OncePerRequestFilter {

    private final Sessions sessions;
    private final WebCookies cookies;
    private final PendingAuthorization pending;
    private final TwoStepSettings twoStep;
    private final Clock clock;

    OidcSessionFilter(Sessions sessions, WebCookies cookies, PendingAuthorization pending, TwoStepSettings twoStep,
                      Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals(PendingAuthorization.ENDPOINT) && !path.equals("/connect/logout");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // A session opened by an account recovery may only set the account up again: to an application it is
        // nobody, and the person logs in normally (issue 14).
        Optional<Session> session = cookies.read(request, cookies.sessionName()).flatMap(sessions::find)
                .filter(s -> !s.isRecovery());
        if (session.isPresent()) {
            boolean authorize = request.getRequestURI().endsWith(PendingAuthorization.ENDPOINT);
            // Only this very request's signed cookie counts, and only for a session begun after it was made.
            boolean fresh = authorize && pending.read(request)
                    .filter(p -> p.isFor(request) && !session.get().createdAt().isBefore(p.askedAt())).isPresent();
            if (!authorize || fresh || !needsFreshLogin(request, session.get())) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(LoginFacts.authentication(session.get()));
                SecurityContextHolder.setContext(context);
                request.setAttribute(Session.class.getName(), session.get());
                if (fresh) {
                    pending.clear(response);
                }
            }
        }
        try {
            chain.doFilter(NoHttpSessions.wrap(request, "oidc"), response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private boolean needsFreshLogin(HttpServletRequest request, Session session) {
        String prompt = request.getParameter("prompt");
        if (prompt != null && (" " + prompt + " ").contains(" login ")) {
            return true;
        }
        String maxAge = request.getParameter("max_age");
        if (maxAge != null) {
            Instant now = clock.instant();
            long seconds;
            try {
                seconds = Long.parseLong(maxAge.strip());
            } catch (NumberFormatException e) {
                seconds = 0; // unreadable: the strictest reading, never a weaker login
            }
            if (seconds < 0 || Duration.between(session.createdAt(), now).compareTo(Duration.ofSeconds(seconds)) > 0) {
                return true;
            }
        }
        return AcrRequirement.demandsTwoStep(request.getParameter("acr_values"))
                && session.assurance() != AssuranceLevel.AAL2 && twoStep.isEnabled(session.accountId());
    }
}
