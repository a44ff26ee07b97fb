package dev.aikagi.server.oidc;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's refusals. One the application can be told of goes back to its redirect URI
 * ({@code error}, {@code error_description}, {@code state}; RFC 6749 §4.1.2.1), as the authorization server
 * does. One it cannot — the client is unknown or the {@code redirect_uri} is not registered for it, where a
 * redirect would be an open redirect — is a page that names the problem and the client id, in the person's
 * language, for the developer who reads it ({@link RequestProblemPageController}); never a redirect.
 */
final class AuthorizationRequestErrors implements AuthenticationFailureHandler {

    static final String PROBLEM = AuthorizationRequestErrors.class.getName() + ".problem";

    /** What the page says: which parameter, for which client, with what value. */
    record Problem(String parameter, String clientId, String redirectUri, String errorCode) {
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException, ServletException {
        OAuth2Error error = exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e ? e.getError()
                : new OAuth2Error("invalid_request");
        OAuth2AuthorizationCodeRequestAuthenticationToken authorization =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
                        ? e.getAuthorizationCodeRequestAuthentication() : null;
        if (authorization == null || !StringUtils.hasText(authorization.getRedirectUri())) {
            request.setAttribute(PROBLEM, new Problem(parameter(error), request.getParameter(OAuth2ParameterNames.CLIENT_ID),
                    request.getParameter(OAuth2ParameterNames.REDIRECT_URI), error.getErrorCode()));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.getRequestDispatcher(RequestProblemPageController.PATH).forward(request, response);
            return;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(authorization.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION,
                    UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(error.getUri())) {
            uri.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(authorization.getState())) {
            uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(authorization.getState(), StandardCharsets.UTF_8));
        }
        response.sendRedirect(uri.build(true).toUriString());
    }

    /** The parameter the authorization server names in its description ("OAuth 2.0 Parameter: redirect_uri"). */
    static String parameter(OAuth2Error error) {
        String description = error.getDescription() == null ? "" : error.getDescription();
        int colon = description.lastIndexOf(':');
        String parameter = colon < 0 ? "" : description.substring(colon + 1).strip();
        return parameter.matches("[a-z_]{1,40}") ? parameter : error.getErrorCode();
    }
}
