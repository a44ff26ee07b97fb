package dev.aikagi.server.oidc;

import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageLocales;
import dev.aikagi.server.web.WaitingApplications;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The application an authorization request waiting in {@link PendingAuthorization}'s cookie came from: its
 * name for the login pages, and the login page's address with what the request asked of it — the language
 * of {@code ui_locales} and the username of {@code login_hint} (OpenID Connect Core 1.0 §3.1.2.1).
 */
final class AskingApplication implements WaitingApplications {

    private final PendingAuthorization pending;
    private final RegisteredClientRepository clients;

    AskingApplication(PendingAuthorization pending, RegisteredClientRepository clients) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public Optional<Waiting> waiting(HttpServletRequest request) {
        return pending.read(request)
                .map(p -> parameters(p.path()).get("client_id"))
                .map(id -> id.length() > 200 ? null : clients.findByClientId(id))
                .map(AskingApplication::of);
    }

    private static Waiting of(RegisteredClient client) {
        String name = client.getClientName() == null || client.getClientName().isBlank()
                ? client.getClientId() : client.getClientName();
        return new Waiting(client.getClientId(), name);
    }

    /**
     * The login page for an authorization request: {@code /login}, with {@code lang} for the first language
     * of {@code ui_locales} the pages speak and {@code username} for {@code login_hint}.
     */
    static String loginPage(HttpServletRequest request) {
        StringBuilder url = new StringBuilder("/login");
        String separator = "?";
        Optional<Locale> language = language(request.getParameter("ui_locales"));
        if (language.isPresent()) {
            url.append(separator).append(PageLocales.PARAMETER).append('=').append(language.get().getLanguage());
            separator = "&";
        }
        String hint = request.getParameter("login_hint");
        if (hint != null && !hint.isBlank() && hint.length() <= PageInputs.MAX_ECHO) {
            url.append(separator).append("username=")
                    .append(URLEncoder.encode(PageInputs.echo(hint.strip()), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** The first of the space-separated BCP 47 tags that is a language of the pages (en, ja). */
    static Optional<Locale> language(String uiLocales) {
        if (uiLocales == null || uiLocales.length() > 200) {
            return Optional.empty();
        }
        for (String tag : uiLocales.strip().split("\\s+")) {
            Optional<Locale> supported = PageLocales.supported(Locale.forLanguageTag(tag));
            if (supported.isPresent()) {
                return supported;
            }
        }
        return Optional.empty();
    }

    /** The query parameters of a path this server signed (first value of each). */
    static Map<String, String> parameters(String path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int question = path.indexOf('?');
        if (question < 0) {
            return parameters;
        }
        for (String pair : path.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // not percent-encoded properly: not a parameter the endpoint would accept either
            }
        }
        return parameters;
    }
}
