package dev.aikagi.server.oidc;

import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.server.properties.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clients' OpenID Connect Back-Channel Logout URIs, {@code aikagi.oidc.clients.<client-id>.backchannel-logout-uri}
 * (read beside {@link OidcProperties}, which binds the clients' other settings).
 */
@ConfigurationProperties("aikagi.oidc")
public record BackChannelLogoutProperties(@DefaultValue Map<String, Client> clients) {

    public BackChannelLogoutProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    /** @param backchannelLogoutUri where the client takes logout tokens; none when unset */
    public record Client(String backchannelLogoutUri) {
    }

    /**
     * The URI of each client that has one, checked: absolute http or https, no fragment (Back-Channel Logout 1.0
     * §2.2), short enough for the message queue.
     *
     * @throws InvalidConfigurationException naming the setting otherwise
     */
    public Map<String, URI> uris() {
        Map<String, URI> uris = new LinkedHashMap<>();
        clients.forEach((clientId, client) -> uri(clientId, client).ifPresent(uri -> uris.put(clientId, uri)));
        return Map.copyOf(uris);
    }

    private static Optional<URI> uri(String clientId, Client client) {
        String value = client == null || client.backchannelLogoutUri() == null ? "" : client.backchannelLogoutUri().strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getFragment() == null && value.length() <= Deliveries.MAX_RECIPIENT_LENGTH) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidConfigurationException("aikagi.oidc.clients." + clientId + ".backchannel-logout-uri: '" + value
                + "' is not an absolute http(s) URI without a fragment of at most " + Deliveries.MAX_RECIPIENT_LENGTH
                + " characters", "Write the full address the application takes logout tokens at, such as"
                + " https://app.example.com/logout/backchannel.");
    }
}
