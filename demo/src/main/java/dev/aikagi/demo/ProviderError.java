package dev.aikagi.demo;

import java.util.Map;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** Why a login failed, as the home page shows it: the OAuth error code, Aikagi's description, and what it means. */
record ProviderError(String code, String description, String explanation) {

    private static final Map<String, String> EXPLANATIONS = Map.of(
            "unmet_authentication_requirements",
            "Aikagi could not log this account in with two-step verification, which this login asked for "
                    + "(acr_values=aal2). Turn on two-step verification for the account in Aikagi, then try again.",
            "access_denied", "The login was cancelled, or the application was not allowed to see the account.",
            "login_required", "Aikagi needs the user to log in, but the request did not allow a login page.",
            "invalid_id_token", "The ID token Aikagi returned did not validate, so the demo did not trust it.",
            "invalid_nonce", "The ID token was not issued for this login (its nonce did not match).");

    static ProviderError of(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            return new ProviderError(code, oauth.getError().getDescription(),
                    EXPLANATIONS.getOrDefault(code, "The login did not complete."));
        }
        return new ProviderError("login_failed", failure.getMessage(), "The login did not complete.");
    }
}
