package dev.aikagi.server.oidc;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * {@code acr_values}: an application that lists only {@code aal2} demands two-step verification (listing
 * {@code aal1} too means either will do). When the signed-in session has only a password and logging in
 * again cannot help (the account has no second factor), the authorization endpoint redirects back with
 * {@code error=unmet_authentication_requirements} (OpenID Connect Core 1.0, errata set 2, §3.1.2.6) rather
 * than issue a weaker login.
 */
final class AcrRequirement implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String UNMET = "unmet_authentication_requirements";

    static boolean demandsTwoStep(String acrValues) {
        if (acrValues == null || acrValues.isBlank()) {
            return false;
        }
        var values = Arrays.asList(acrValues.strip().split("\\s+"));
        return values.contains(LoginFacts.ACR_AAL2) && !values.contains(LoginFacts.ACR_AAL1);
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication person) || !person.isAuthenticated()
                || !LoginFacts.sessionId(person).isPresent()) {
            return; // nobody signed in yet: the login comes first
        }
        Map<String, Object> parameters = request.getAdditionalParameters();
        Object acrValues = parameters.get("acr_values");
        if (demandsTwoStep(acrValues instanceof String s ? s : null)
                && !LoginFacts.ACR_AAL2.equals(LoginFacts.acr(person))) {
            OAuth2Error error = new OAuth2Error(UNMET,
                    "The application asked for two-step verification and this account has none set up.", null);
            String redirectUri = request.getRedirectUri() != null ? request.getRedirectUri()
                    : context.getRegisteredClient().getRedirectUris().iterator().next();
            var result = new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                    request.getClientId(), person, redirectUri, request.getState(), request.getScopes(), parameters);
            result.setAuthenticated(true);
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, result);
        }
    }
}
