package dev.aikagi.server.oidc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.server.web.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's page of applications that log in through Aikagi: those of the configuration file (read
 * only) and those registered here, which can be removed. A new application's secret is shown once.
 */
@Controller
class ApplicationsPageController {

    static final String PATH = "/admin/applications";

    private final Applications applications;
    private final Auditor audit;
    private final OidcProperties properties;

    ApplicationsPageController(Applications applications, Auditor audit, OidcProperties properties) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** One row of the list. */
    record Row(String clientId, String name, boolean publicClient, boolean firstParty, boolean removable,
               List<String> redirectUris) {
    }

    @GetMapping(PATH)
    String list(HttpServletRequest request, Model model) {
        List<Row> rows = applications.all().stream().map(ApplicationsPageController::row).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("removed", request.getParameter("removed") != null);
        return "applications";
    }

    @GetMapping(PATH + "/new")
    String form(Model model) {
        model.addAttribute("name", "");
        model.addAttribute("redirectUris", "");
        model.addAttribute("postLogoutRedirectUris", "");
        model.addAttribute("publicClient", false);
        model.addAttribute("firstParty", false);
        model.addAttribute("allowedOrigins", "");
        model.addAttribute("backchannelLogoutUri", "");
        return "application-new";
    }

    @PostMapping(PATH)
    String register(@RequestParam(required = false) String name, @RequestParam(required = false) String redirectUris,
                    @RequestParam(required = false) String postLogoutRedirectUris,
                    @RequestParam(required = false) String type, @RequestParam(required = false) String firstParty,
                    @RequestParam(required = false) String allowedOrigins,
                    @RequestParam(required = false) String backchannelLogoutUri, HttpServletRequest request, HttpServletResponse response, Model model) {
        boolean publicClient = "public".equals(type);
        boolean first = "yes".equals(firstParty);
        Applications.Outcome outcome = applications.register(new Applications.Draft(name, lines(redirectUris),
                lines(postLogoutRedirectUris), publicClient, first, lines(allowedOrigins), backchannelLogoutUri));
        if (outcome instanceof Applications.Refused refused) {
            response.setStatus(422);
            model.addAttribute("name", name == null ? "" : name);
            model.addAttribute("redirectUris", redirectUris == null ? "" : redirectUris);
            model.addAttribute("postLogoutRedirectUris", postLogoutRedirectUris == null ? "" : postLogoutRedirectUris);
            model.addAttribute("publicClient", publicClient);
            model.addAttribute("firstParty", first);
            model.addAttribute("allowedOrigins", allowedOrigins == null ? "" : allowedOrigins);
            model.addAttribute("backchannelLogoutUri", backchannelLogoutUri == null ? "" : backchannelLogoutUri);
            model.addAttribute("errorKey", "applications.error." + refused.problem().name().toLowerCase(Locale.ROOT));
            model.addAttribute("errorValue", refused.value());
            return "application-new";
        }
        Applications.Registered registered = ((Applications.Done) outcome).registered();
        audit.record(AuditType.APPLICATION_REGISTERED, admin(request), ClientAddresses.of(request).value(),
                Map.of("client_id", registered.client().getClientId()));
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("row", row(registered.client()));
        model.addAttribute("secret", registered.secret());
        model.addAttribute("issuer", properties.issuer());
        return "application-created";
    }

    @PostMapping(PATH + "/{clientId}/remove")
    String remove(@PathVariable String clientId, HttpServletRequest request, HttpServletResponse response) {
        if (!applications.remove(clientId)) {
            response.setStatus(404);
            return "error/4xx";
        }
        audit.record(AuditType.APPLICATION_REMOVED, admin(request), ClientAddresses.of(request).value(),
                Map.of("client_id", clientId));
        return "redirect:" + PATH + "?removed";
    }

    private static AccountId admin(HttpServletRequest request) {
        return (AccountId) request.getAttribute(ApplicationAdmins.ADMIN);
    }

    private static Row row(RegisteredClient client) {
        return new Row(client.getClientId(), client.getClientName(),
                client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE),
                Boolean.TRUE.equals(client.getClientSettings().getSetting(ConfiguredClients.FIRST_PARTY)),
                Applications.fromAdmin(client), List.copyOf(client.getRedirectUris()));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split("[\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
