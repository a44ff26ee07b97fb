package dev.aikagi.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * The authorization requests the demo sends to Aikagi: always with PKCE (S256), even though the demo is a
 * confidential client, and with what the button asked for:
 * <ul>
 *   <li>{@code /oauth2/authorization/aikagi?require=two-step} adds {@code acr_values=aal2}: Aikagi must
 *       log the user in with a second factor, or answer {@code unmet_authentication_requirements};</li>
 *   <li>{@code /oauth2/authorization/aikagi?fresh=true} adds {@code prompt=login}: Aikagi asks for the
 *       password again even when the user is still signed in there.</li>
 * </ul>
 */
final class LoginRequests implements OAuth2AuthorizationRequestResolver {

    /** Where Spring Security's login filter starts a login; the registration id follows. */
    static final String START = "/oauth2/authorization";

    private final DefaultOAuth2AuthorizationRequestResolver delegate;

    LoginRequests(ClientRegistrationRepository registrations) {
        Objects.requireNonNull(registrations, "registrations");
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, START);
        this.delegate.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return withOptions(delegate.resolve(request), request);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
        return withOptions(delegate.resolve(request, registrationId), request);
    }

    private static OAuth2AuthorizationRequest withOptions(OAuth2AuthorizationRequest resolved, HttpServletRequest request) {
        if (resolved == null) {
            return null;
        }
        boolean twoStep = "two-step".equals(request.getParameter("require"));
        boolean fresh = "true".equals(request.getParameter("fresh"));
        if (!twoStep && !fresh) {
            return resolved;
        }
        // from() keeps the state, nonce and PKCE verifier; the request URI is built again with the extras.
        return OAuth2AuthorizationRequest.from(resolved)
                .additionalParameters(parameters -> {
                    if (twoStep) {
                        parameters.put("acr_values", "aal2");
                    }
                    if (fresh) {
                        parameters.put("prompt", "login");
                    }
                })
                .build();
    }
}
