package dev.aikagi.server.oidc;

import dev.aikagi.server.properties.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Writes the clients of the configuration file ({@code aikagi.oidc.clients.<client-id>.*}) to the client
 * table at start-up, so that every node knows them and a changed entry takes effect on restart. A client
 * without a secret is public: PKCE is required, and its refresh tokens are single use
 * ({@link PublicClientRefresh}). Consent is skipped for first-party clients only.
 */
final class ConfiguredClients {

    static final String FIRST_PARTY = "aikagi.first-party";
    /**
     * The scope of the admin API ({@code /api/admin/v1}, issue 18). A client registered with it is a machine: it
     * gets tokens for itself through the client-credentials grant (RFC 6749 §4.4) and through nothing else, so
     * no person's login can ever carry the scope.
     */
    public static final String ADMIN_SCOPE = "aikagi.admin";
    /** The shortest plain secret production accepts (as for the webhook secret): about 190 bits in Base64. */
    static final int MINIMUM_SECRET_LENGTH = 32;

    private final OidcProperties properties;
    private final PasswordEncoder encoder;

    ConfiguredClients(OidcProperties properties, PasswordEncoder encoder) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    void writeTo(RegisteredClientRepository repository) {
        writeTo(repository, false);
    }

    /**
     * As {@link #writeTo(RegisteredClientRepository)}; in production a plain secret must also be at least
     * {@value #MINIMUM_SECRET_LENGTH} characters, since anyone can try secrets at the token endpoint (slowed
     * down by {@link ClientAuthenticationThrottle}, not stopped).
     */
    void writeTo(RegisteredClientRepository repository, boolean production) {
        if (production) {
            properties.clients().forEach(ConfiguredClients::checkSecretLength);
        }
        for (Map.Entry<String, OidcProperties.Client> entry : properties.clients().entrySet()) {
            try {
                save(repository, entry.getKey(), entry.getValue());
            } catch (DataIntegrityViolationException e) {
                // Another node starting at the same moment wrote it first: write it again, as an update.
                save(repository, entry.getKey(), entry.getValue());
            }
        }
    }

    private void save(RegisteredClientRepository repository, String clientId, OidcProperties.Client client) {
        RegisteredClient existing = repository.findByClientId(clientId);
        repository.save(build(clientId, client, existing == null ? clientId : existing.getId()));
    }

    RegisteredClient build(String clientId, OidcProperties.Client client, String id) {
        String setting = "aikagi.oidc.clients." + clientId;
        if (client.scopes().contains(ADMIN_SCOPE)) {
            return adminClient(clientId, client, id, setting);
        }
        if (client.redirectUris().isEmpty()) {
            throw new InvalidConfigurationException(setting + ".redirect-uris: a client needs at least one redirect URI",
                    "List the exact addresses the application receives the login at.");
        }
        client.redirectUris().forEach(uri -> checkUri(setting + ".redirect-uris", uri));
        client.postLogoutRedirectUris().forEach(uri -> checkUri(setting + ".post-logout-redirect-uris", uri));
        for (String origin : client.allowedOrigins()) {
            if (ClientOrigins.origin(origin).isEmpty()) {
                throw new InvalidConfigurationException(setting + ".allowed-origins: '" + origin
                        + "' is not a web origin", "Write scheme, host and port only, such as https://app.example.com.");
            }
        }
        RegisteredClient.Builder builder = RegisteredClient.withId(id)
                .clientId(clientId)
                .clientName(client.name() == null || client.name().isBlank() ? clientId : client.name().strip())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(client.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(client.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(client.isPublic())
                        .requireAuthorizationConsent(!client.firstParty())
                        .setting(FIRST_PARTY, client.firstParty())
                        .setting(ClientOrigins.SETTING, ClientOrigins.joined(client.allowedOrigins()))
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.accessTokenLifetime())
                        .refreshTokenTimeToLive(properties.refreshTokenLifetime())
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .reuseRefreshTokens(false)
                        .build());
        if (client.isPublic()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            String secret = client.secret().strip();
            builder.clientSecret(secret.startsWith("{") ? secret : encoder.encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        return builder.build();
    }

    private RegisteredClient adminClient(String clientId, OidcProperties.Client client, String id, String setting) {
        if (client.isPublic()) {
            throw new InvalidConfigurationException(setting + ".secret: a client with the scope " + ADMIN_SCOPE
                    + " must have a secret", "Generate one with: openssl rand -base64 32");
        }
        if (!client.redirectUris().isEmpty()) {
            throw new InvalidConfigurationException(setting + ".redirect-uris: a client with the scope " + ADMIN_SCOPE
                    + " uses only the client-credentials grant and takes no redirect URI",
                    "Register the admin tool as a client of its own, without redirect-uris.");
        }
        String secret = client.secret().strip();
        return RegisteredClient.withId(id)
                .clientId(clientId)
                .clientName(client.name() == null || client.name().isBlank() ? clientId : client.name().strip())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSecret(secret.startsWith("{") ? secret : encoder.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .clientSettings(ClientSettings.builder().requireProofKey(false).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenLifetime()).build())
                .build();
    }

    private static void checkSecretLength(String clientId, OidcProperties.Client client) {
        String secret = client.isPublic() ? "" : client.secret().strip();
        if (!client.isPublic() && !secret.startsWith("{") && secret.length() < MINIMUM_SECRET_LENGTH) {
            throw new InvalidConfigurationException("aikagi.oidc.clients." + clientId + ".secret: must be at least "
                    + MINIMUM_SECRET_LENGTH + " characters in production, is " + secret.length(),
                    "Generate one with: openssl rand -base64 32");
        }
    }

    private static void checkUri(String setting, String uri) {
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute() || parsed.getFragment() != null) {
                throw new URISyntaxException(uri, "not absolute, or has a fragment");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(setting + ": '" + uri + "' is not an absolute URI without a fragment",
                    "Write the full address, such as https://app.example.com/login/oauth2/code/aikagi.");
        }
    }
}
