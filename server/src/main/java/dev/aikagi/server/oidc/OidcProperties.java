package dev.aikagi.server.oidc;

import dev.aikagi.core.account.Username;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID Connect provider's settings under {@code aikagi.oidc.*}.
 *
 * @param issuer the issuer identifier ({@code https://login.example.com}); unset, it follows the address a
 *     request came to, which suits development only (production mode requires it)
 * @param clients the clients registered in configuration, by client id; written to the database at start-up
 *     (the admin page adds others)
 * @param accessTokenLifetime how long an access token is good for
 * @param refreshTokenLifetime how long a refresh token is good for (each use gives a new one)
 * @param signingKeyLifetime how long a token signing key signs before a new one takes over; the old key
 *     stays published for {@code refreshTokenLifetime} more, so what it signed keeps verifying
 * @param admins usernames of existing accounts to give the admin role at start-up (registering applications
 *     at {@code /admin/applications}; each must log in with two-step verification), as for
 *     {@code aikagi.support.agents}: bound when first listed, the role itself in the database.
 */
@ConfigurationProperties("aikagi.oidc")
public record OidcProperties(String issuer,
                             @DefaultValue Map<String, Client> clients,
                             @DefaultValue("5m") Duration accessTokenLifetime,
                             @DefaultValue("30d") Duration refreshTokenLifetime,
                             @DefaultValue("90d") Duration signingKeyLifetime,
                             @DefaultValue List<String> admins) {

    public OidcProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        admins = admins == null ? List.of()
                : admins.stream().map(String::strip).filter(a -> !a.isEmpty())
                        .map(a -> Username.canonical(a).orElse(a.toLowerCase(Locale.ROOT)))
                        .toList();
    }

    /**
     * One client.
     *
     * @param secret the client secret; absent for a public client (a mobile or single-page app), which must
     *     use PKCE. A value starting with {@code {bcrypt}} or {@code {argon2}} is taken as already encoded.
     * @param firstParty the operator's own application: no consent page
     * @param allowedOrigins the web origins ({@code https://app.example.com}) whose pages may call the token,
     *     userinfo, revocation and JWKS endpoints for this client from the browser (CORS); none by default
     */
    public record Client(String name, String secret, @DefaultValue List<String> redirectUris,
                         @DefaultValue List<String> postLogoutRedirectUris,
                         @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
                         @DefaultValue("false") boolean firstParty,
                         @DefaultValue List<String> allowedOrigins) {

        /** A client no browser page calls from another origin. */
        public Client(String name, String secret, List<String> redirectUris, List<String> postLogoutRedirectUris,
                      List<String> scopes, boolean firstParty) {
            this(name, secret, redirectUris, postLogoutRedirectUris, scopes, firstParty, List.of());
        }

        @ConstructorBinding
        public Client {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
            scopes = scopes == null ? List.of("openid", "profile", "email") : List.copyOf(scopes);
        }

        public boolean isPublic() {
            return secret == null || secret.isBlank();
        }

        @Override
        public String toString() {
            return "Client[" + name + ", public=" + isPublic() + ", redirectUris=" + redirectUris + "]";
        }
    }
}
