package dev.aikagi.server.admin;

import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.FilterProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The gate of {@code /api/admin/v1} (issue 18): the caller presents an access token that Aikagi's own
 * authorization server issued through the client-credentials grant to a client registered with the scope
 * {@value #SCOPE}. The token is looked up in the authorization store, so a revoked or expired one, or one whose
 * client was removed or lost the scope, no longer opens anything. Refusals follow RFC 6750 §3: 401 with
 * {@code WWW-Authenticate} for no or an invalid token, 403 {@code insufficient_scope}. Every call, refused or not,
 * is audited with the client id (never the token).
 */
final class AdminTokens implements HandlerInterceptor {

    /** The scope of the admin API; the OpenID Connect configuration registers clients with it (ConfiguredClients). */
    static final String SCOPE = "aikagi.admin";
    /** The request attribute holding the calling client's id. */
    static final String CLIENT = AdminTokens.class.getName() + ".client";
    private static final String REALM = "Bearer realm=\"aikagi-admin\"";

    private final OAuth2AuthorizationService authorizations;
    private final RegisteredClientRepository clients;
    private final Auditor audit;

    AdminTokens(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, Auditor audit) {
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Optional<String> token = bearer(request);
        if (token.isEmpty()) {
            refuse(request, response, 401, "unauthenticated", "api.error.admin_token_required", REALM, "none");
            return false;
        }
        OAuth2Authorization authorization = token.get().length() > 8192 ? null
                : authorizations.findByToken(token.get(), OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<?> access = authorization == null ? null : authorization.getAccessToken();
        if (access == null || !access.isActive()
                || !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            refuse(request, response, 401, "invalid_token", "api.error.invalid_token",
                    REALM + ", error=\"invalid_token\"", "unknown");
            return false;
        }
        RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
        if (client == null) {
            refuse(request, response, 401, "invalid_token", "api.error.invalid_token",
                    REALM + ", error=\"invalid_token\"", "unknown");
            return false;
        }
        if (!authorization.getAuthorizedScopes().contains(SCOPE) || !client.getScopes().contains(SCOPE)) {
            refuse(request, response, 403, "insufficient_scope", "api.error.insufficient_scope",
                    REALM + ", error=\"insufficient_scope\", scope=\"" + SCOPE + "\"", client.getClientId());
            return false;
        }
        request.setAttribute(CLIENT, client.getClientId());
        return true;
    }

    /** Audits the call once it has been answered: the client, the operation and the status. */
    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        Object client = request.getAttribute(CLIENT);
        if (client != null) {
            record(request, client.toString(), response.getStatus());
        }
    }

    /** The calling client's id, as the gate let it in. */
    static String client(HttpServletRequest request) {
        Object client = request.getAttribute(CLIENT);
        if (client == null) {
            throw new IllegalStateException("the admin API's gate did not run for " + request.getRequestURI());
        }
        return client.toString();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code, String key,
                        String challenge, String client) throws IOException {
        response.setHeader("WWW-Authenticate", challenge);
        FilterProblems.write(request, response, status, code, key);
        record(request, client, status);
    }

    private void record(HttpServletRequest request, String client, int status) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("client", client);
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        details.put("operation", request.getMethod() + " " + (pattern == null ? request.getRequestURI() : pattern));
        details.put("status", String.valueOf(status));
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        dev.aikagi.core.account.AccountId account = null;
        if (variables != null && variables.get("id") != null) {
            try {
                account = dev.aikagi.core.account.AccountId.parse(variables.get("id"));
            } catch (IllegalArgumentException notAnId) {
                // A malformed id names no account; the operation is still recorded.
            }
        }
        audit.record(AuditType.ADMIN_CALL, account, ClientAddresses.of(request).value(), details);
    }

    private static Optional<String> bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
