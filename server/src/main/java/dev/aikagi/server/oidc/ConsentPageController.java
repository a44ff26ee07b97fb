package dev.aikagi.server.oidc;

import dev.aikagi.server.web.CurrentSession;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page a third-party application's first login shows: which application, what it will learn,
 * Allow or Cancel. The form goes to the authorization endpoint, which checks the {@code state} it made.
 * First-party applications never see it.
 */
@Controller
class ConsentPageController {

    static final String PATH = "/oauth2/consent";

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    ConsentPageController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.consents = Objects.requireNonNull(consents, "consents");
    }

    @GetMapping(PATH)
    String consent(@RequestParam(name = "client_id", required = false) String clientId,
                   @RequestParam(required = false) String scope, @RequestParam(required = false) String state,
                   Model model, HttpServletResponse response) {
        // A recovery-limited session is nobody to an application (issue 14): it cannot even see the question.
        var session = CurrentSession.get().filter(s -> !s.isRecovery());
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        if (session.isEmpty() || client == null || state == null || state.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        OAuth2AuthorizationConsent previous = consents.findById(client.getId(), session.get().accountId().toString());
        Set<String> granted = previous == null ? Set.of() : previous.getScopes();
        Set<String> asked = new LinkedHashSet<>(scope == null ? List.of() : Arrays.asList(scope.strip().split("\\s+")));
        asked.remove(OidcScopes.OPENID);
        asked.removeIf(String::isBlank);
        List<String> newScopes = asked.stream().filter(s -> !granted.contains(s) && client.getScopes().contains(s)).toList();
        List<String> grantedScopes = asked.stream().filter(granted::contains).toList();
        // The answer to the form is a redirect to the application: the browser checks that redirect against
        // form-action too, so the page allows the application's redirect URIs (and nothing else).
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(client));
        model.addAttribute("clientId", client.getClientId());
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("state", state);
        model.addAttribute("scopes", newScopes);
        model.addAttribute("grantedScopes", grantedScopes);
        return "consent";
    }

    /** The pages' policy, with form-action widened to where this client's redirect URIs point. */
    static String contentSecurityPolicy(RegisteredClient client) {
        StringBuilder targets = new StringBuilder("'self'");
        client.getRedirectUris().stream().map(ConsentPageController::source).distinct()
                .forEach(source -> targets.append(' ').append(source));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; form-action " + targets + "; frame-ancestors 'none'";
    }

    /** A CSP source for a redirect URI: its origin for http(s), its scheme for an app's own scheme. */
    static String source(String redirectUri) {
        URI uri = URI.create(redirectUri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
            return scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        }
        return scheme + ":";
    }
}
