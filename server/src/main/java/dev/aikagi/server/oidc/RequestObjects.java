package dev.aikagi.server.oidc;

import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Request objects ({@code request}, OpenID Connect Core 1.0 §6) are not read — discovery says
 * {@code request_parameter_supported: false} — so a request carrying one is refused with
 * {@code request_not_supported} (§6.1) at the application's redirect URI, never served as if the object's
 * claims did not exist.
 */
final class RequestObjects implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String NOT_SUPPORTED = "request_not_supported";

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!request.getAdditionalParameters().containsKey("request")) {
            return;
        }
        OAuth2Error error = new OAuth2Error(NOT_SUPPORTED, "Aikagi does not read request objects.", null);
        String redirectUri = request.getRedirectUri() != null ? request.getRedirectUri()
                : context.getRegisteredClient().getRedirectUris().iterator().next();
        var result = new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                request.getClientId(), (org.springframework.security.core.Authentication) request.getPrincipal(),
                redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, result);
    }
}
