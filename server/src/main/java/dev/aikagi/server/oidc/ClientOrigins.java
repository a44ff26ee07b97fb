package dev.aikagi.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for browser applications, per client ({@code aikagi.oidc.clients.<id>.allowed-origins}, or the
 * applications admin page): a page of one of a client's origins may call the token, userinfo, revocation and
 * JWKS endpoints (and discovery, which browser libraries read first); no other origin gets CORS headers, and
 * the browser keeps the answer from it. At the token and revocation endpoints the request names its client
 * ({@code client_id}, or Basic authentication), and only that client's origins count; a preflight, which
 * carries no body, is answered for any client's origin. No cookies are involved ({@code credentials} off):
 * these endpoints take a code, a token or a client's own credentials.
 */
final class ClientOrigins implements CorsConfigurationSource {

    /** The client setting holding the origins, space-separated. */
    static final String SETTING = "aikagi.allowed-origins";
    private static final Pattern STORED = Pattern.compile("\"" + Pattern.quote(SETTING) + "\"\\s*:\\s*\"([^\"]*)\"");
    private static final Set<String> CLIENT_ENDPOINTS = Set.of("/oauth2/token", "/oauth2/revoke");
    private static final Set<String> OPEN_ENDPOINTS = Set.of("/userinfo", "/oauth2/jwks", "/.well-known/openid-configuration");

    private final JdbcTemplate jdbc;
    private final RegisteredClientRepository clients;

    ClientOrigins(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean clientEndpoint = CLIENT_ENDPOINTS.contains(path);
        if (!clientEndpoint && !OPEN_ENDPOINTS.contains(path)) {
            return null;
        }
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        List<String> origins = clientEndpoint && !preflight ? originsOf(clientOf(request)) : everyOrigin();
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        configuration.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(600L);
        return configuration;
    }

    /** The origins of every client that has some. */
    List<String> everyOrigin() {
        Set<String> origins = new LinkedHashSet<>();
        jdbc.query("select client_settings from oauth2_registered_client where client_settings like ?",
                row -> {
                    origins.addAll(stored(row.getString(1)));
                }, "%" + SETTING + "%");
        return List.copyOf(origins);
    }

    private List<String> originsOf(Optional<String> clientId) {
        RegisteredClient client = clientId.filter(id -> id.length() <= 200).map(clients::findByClientId).orElse(null);
        return client == null ? List.of() : of(client);
    }

    static List<String> of(RegisteredClient client) {
        return client.getClientSettings().getSetting(SETTING) instanceof String joined && !joined.isBlank()
                ? List.of(joined.strip().split("\\s+")) : List.of();
    }

    /** The client a token or revocation request names: its {@code client_id}, or the user of Basic authentication. */
    static Optional<String> clientOf(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 1 ? Optional.empty()
                        : Optional.of(java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(request.getParameter(OAuth2ParameterNames.CLIENT_ID));
    }

    private static List<String> stored(String settings) {
        Matcher m = STORED.matcher(settings == null ? "" : settings);
        return m.find() && !m.group(1).isBlank() ? List.of(m.group(1).strip().split("\\s+")) : List.of();
    }

    static String joined(List<String> origins) {
        return String.join(" ", origins.stream().map(o -> origin(o).orElse(o)).toList());
    }

    /** A web origin as browsers send it (lower-case scheme and host, no default port), or empty if not one. */
    static Optional<String> origin(String text) {
        if (text == null || text.isBlank() || text.length() > 300) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
