package dev.aikagi.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * The protocol's promises to applications that the authorization server's defaults do not keep on their own
 * (STANDARDS rule 27): {@code prompt=none} never shows a page, discovery names only what works, and a 401
 * from userinfo says why in {@code WWW-Authenticate}.
 */
final class OidcRules {

    static final String USER_INFO = "/userinfo";

    private OidcRules() {
    }

    /** An authorization request with {@code prompt=none} (OpenID Connect Core 1.0 §3.1.2.1). */
    static boolean isSilentAuthorization(HttpServletRequest request) {
        String prompt = request.getParameter("prompt");
        return PendingAuthorization.ENDPOINT.equals(path(request)) && prompt != null
                && Arrays.asList(prompt.strip().split("\\s+")).contains("none");
    }

    static boolean isUserInfo(HttpServletRequest request) {
        return USER_INFO.equals(path(request));
    }

    /** The scopes a client may ask for, each giving its claims. */
    static final List<String> SCOPES = List.of("openid", "profile", "email");
    /** The claims of the ID token and userinfo (profile: preferred_username; email: email, email_verified). */
    static final List<String> CLAIMS = List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr",
            "sid", "azp", "preferred_username", "email", "email_verified");
    static final List<String> ACR_VALUES = List.of(LoginFacts.ACR_AAL1, LoginFacts.ACR_AAL2);
    /** The pages' languages, for {@code ui_locales}. */
    static final List<String> UI_LOCALES = List.of("ja", "en");

    /**
     * Discovery (OpenID Connect Discovery 1.0 §3) lists what Aikagi's clients can use: the grants and client
     * authentication some registered client has ({@link WhatClientsUse}) — never token exchange, JWT client
     * assertions, mTLS or DPoP — the scopes and the claims they give, {@code aal1}/{@code aal2}, the pages'
     * languages, and that the {@code claims}, {@code request} and {@code request_uri} parameters are not read.
     */
    static void onlyWhatWorks(OidcProviderConfiguration.Builder configuration, WhatClientsUse.Advertised advertised) {
        List<String> secrets = advertised.authenticationMethods().stream()
                .filter(m -> !m.equals(ClientAuthenticationMethod.NONE.getValue())).toList();
        configuration.grantTypes(grants -> {
            grants.clear();
            grants.addAll(advertised.grantTypes());
        });
        configuration.tokenEndpointAuthenticationMethods(methods -> {
            methods.clear();
            methods.addAll(advertised.authenticationMethods());
        });
        // Public clients revoke their own tokens by client_id (PublicClientRefresh); introspection is for secrets.
        configuration.tokenRevocationEndpointAuthenticationMethods(methods -> {
            methods.clear();
            methods.addAll(advertised.authenticationMethods());
        });
        configuration.tokenIntrospectionEndpointAuthenticationMethods(methods -> {
            methods.clear();
            methods.addAll(secrets.isEmpty() ? List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue()) : secrets);
        });
        // Sender-constrained tokens (mutual TLS, RFC 8705; DPoP, RFC 9449) are not offered: Aikagi runs behind a
        // proxy that ends TLS, and no resource of it checks such a binding.
        configuration.claims(claims -> {
            claims.remove("tls_client_certificate_bound_access_tokens");
            claims.remove("dpop_signing_alg_values_supported");
            claims.put("scopes_supported", SCOPES);
            claims.put("claims_supported", CLAIMS);
            claims.put("acr_values_supported", ACR_VALUES);
            claims.put("ui_locales_supported", UI_LOCALES);
            claims.put("claims_parameter_supported", false);
            claims.put("request_parameter_supported", false);
            claims.put("request_uri_parameter_supported", false);
        });
    }

    /**
     * Userinfo's refusals as RFC 6750 §3 asks: {@code WWW-Authenticate: Bearer error="…"} with 401 for a token
     * that is not (or no longer) valid — revoked with its login, say — and 403 for a missing scope.
     */
    static void userInfoError(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                : OAuth2ErrorCodes.INVALID_TOKEN;
        int status = switch (code) {
            case OAuth2ErrorCodes.INVALID_TOKEN -> HttpServletResponse.SC_UNAUTHORIZED;
            case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpServletResponse.SC_FORBIDDEN;
            default -> HttpServletResponse.SC_BAD_REQUEST;
        };
        if (!code.matches("[a-z_]{1,64}")) {
            code = OAuth2ErrorCodes.INVALID_REQUEST; // only a known code's characters go into a header
        }
        if (status != HttpServletResponse.SC_BAD_REQUEST) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"" + code + "\"");
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + code + "\"}");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
