package dev.aikagi.demo;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/** The whole OpenID Connect client: login with PKCE, the refresh button's client manager, and logout at Aikagi too. */
@Configuration(proxyBeanMethods = false)
class DemoSecurity {

    /** Where Aikagi sends the browser after logging out; registered as the client's post-logout redirect URI. */
    static final String SIGNED_OUT = "/signed-out";

    @Bean
    SecurityFilterChain demoFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logoutAtAikagi = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logoutAtAikagi.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
        // A failed login (an error from Aikagi, or a token that does not validate) lands on the home page,
        // which shows the error kept in the session by this handler.
        SimpleUrlAuthenticationFailureHandler failed = new SimpleUrlAuthenticationFailureHandler("/?error");
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", SIGNED_OUT, "/demo.css", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/")
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(new LoginRequests(registrations)))
                        .authorizedClientRepository(authorizedClients)
                        .defaultSuccessUrl("/me", true)
                        .failureHandler(failed))
                .logout(logout -> logout.logoutSuccessHandler(logoutAtAikagi));
        return http.build();
    }

    /** The tokens of the signed-in user live in their session here: nothing to clean up at logout. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * The "Refresh tokens" button's manager: it uses the refresh token whatever the access token's expiry.
     * Spring refreshes only tokens about to expire; a clock skew longer than any token's lifetime makes
     * every access token count as due, so the button always shows a real refresh.
     */
    @Bean
    OAuth2AuthorizedClientManager refreshingClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
        refresh.setClockSkew(Duration.ofDays(3650));
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(refresh);
        return manager;
    }
}
