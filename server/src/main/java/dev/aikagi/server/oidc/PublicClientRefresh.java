package dev.aikagi.server.oidc;

import dev.aikagi.core.crypto.SecretGenerator;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refresh tokens for public clients (mobile and browser apps), as OAuth 2.1 allows when each refresh token is
 * used once: Aikagi gives a new one at every refresh and the old one stops ({@code reuseRefreshTokens=false}),
 * an old one presented again ends the whole login's tokens ({@link RefreshTokenFamilies}), and a refresh token
 * stops with the login it came from ({@link TokenRevocation}). The authorization server
 * does neither on its own: it gives public clients no refresh token and cannot identify them at a refresh
 * (there is no code verifier). A public client identifies itself there by {@code client_id} alone — the
 * refresh token, bound to that client, is what proves it.
 */
final class PublicClientRefresh {

    /** Marks a revocation by a public client (RFC 7009 §2.1: it names itself by {@code client_id}). */
    static final String REVOCATION = "aikagi.revocation";
    static final String REVOKE_ENDPOINT = "/oauth2/revoke";

    private PublicClientRefresh() {
    }

    /**
     * A refresh request, or a revocation (which holding the token proves), with a {@code client_id} and no
     * secret in any form.
     */
    static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            boolean revocation = request.getRequestURI().endsWith(REVOKE_ENDPOINT);
            if (!"POST".equals(request.getMethod())
                    || !(revocation || AuthorizationGrantType.REFRESH_TOKEN.getValue()
                            .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE)))
                    || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter("client_assertion") != null) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null,
                    revocation ? Map.of(REVOCATION, true)
                            : Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue()));
        };
    }

    /** Accepts such a request for a registered public client allowed to refresh. */
    static AuthenticationProvider provider(RegisteredClientRepository clients) {
        Objects.requireNonNull(clients, "clients");
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
                boolean revocation = Boolean.TRUE.equals(request.getAdditionalParameters().get(REVOCATION));
                if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
                        || !(revocation || AuthorizationGrantType.REFRESH_TOKEN.getValue()
                                .equals(request.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE)))) {
                    return null;
                }
                RegisteredClient client = clients.findByClientId((String) request.getPrincipal());
                if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                        || !(revocation || client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN))) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * Refresh tokens for every client allowed the refresh grant, public ones included: 96 random bytes from the
     * one generator, good for the client's refresh-token lifetime.
     */
    static OAuth2TokenGenerator<OAuth2RefreshToken> refreshTokens(SecretGenerator generator, Clock clock) {
        return (OAuth2TokenContext context) -> {
            if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                    || !context.getRegisteredClient().getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
                return null;
            }
            Instant issuedAt = clock.instant();
            Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(96));
            return new OAuth2RefreshToken(value, issuedAt, expiresAt);
        };
    }
}
