package dev.aikagi.server.config;

import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.FilterProblems;
import dev.aikagi.server.web.SessionAuthenticationFilter;
import dev.aikagi.server.web.WebCookies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains: the JSON API (bearer tokens, so no CSRF, problem+json on 401) and the pages
 * (session cookie, CSRF token on every form, redirect to the login page). Neither creates an
 * HttpSession: all state is in the database, so any node serves any request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    WebCookies webCookies(AikagiProperties properties) {
        return new WebCookies(properties.secureCookies() != null ? properties.secureCookies()
                : properties.mode() == AikagiProperties.Mode.PRODUCTION);
    }

    /**
     * No Micrometer observation of Spring Security's own steps: with one, every filter of every request was
     * wrapped in an observation with a "before" and an "after" event: 6.5 % of the request threads' CPU samples of a
     * login (issue 15, JFR under the 4-client login load). The request itself is still timed ({@code http_server_requests}, Boot's server observation),
     * which is what the operations dashboards and alert rules read; a test checks that the one stays and the
     * others stay away.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, Sessions sessions, WebCookies cookies) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(new SessionAuthenticationFilter(sessions, cookies, true), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                FilterProblems.write(request, response, 401, "unauthenticated"))
                        .accessDeniedHandler((request, response, ex) -> {
                            if (CurrentSession.get().filter(Session::isRecovery).isPresent()) {
                                FilterProblems.write(request, response, 403, "recovery_session_limited");
                            } else {
                                FilterProblems.write(request, response, 403, "forbidden");
                            }
                        }))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/accounts", "/api/v1/login", "/api/v1/login/**", "/api/v1/recovery",
                                "/api/v1/recovery/**").permitAll()
                        // What the session of a completed recovery may do: set up the account again.
                        .requestMatchers(HttpMethod.GET, "/api/v1/me", "/api/v1/me/backup-codes").hasAnyRole("USER", "RECOVERY")
                        .requestMatchers(HttpMethod.POST, "/api/v1/me/password", "/api/v1/me/totp", "/api/v1/me/totp/confirm",
                                "/api/v1/me/phone", "/api/v1/me/phone/confirm", "/api/v1/me/reauthenticate",
                                "/api/v1/logout").hasAnyRole("USER", "RECOVERY")
                        .requestMatchers("/api/v1/**").hasRole("USER")
                        .anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, Sessions sessions, WebCookies cookies) throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(cookies.csrfName());
        csrfTokens.setCookieCustomizer(c -> c.httpOnly(true).secure(cookies.secure()).sameSite("Lax").path("/"));
        // Our SessionAuthenticationFilter authenticates every request afresh, so the SessionManagementFilter
        // (present because of the STATELESS policy) would run the CSRF token's "new login" rotation on
        // every signed-in request, and a form from any earlier page or another tab would fail. The
        // login pages rotate the token themselves when a login or logout finishes.
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .addFilterBefore(new SessionAuthenticationFilter(sessions, cookies, false), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> response.sendRedirect("/login"))
                        // In this chain only a missing or wrong CSRF token is denied: the localized 403 page
                        // (templates/error/4xx.html) says the form expired and how to go on.
                        .accessDeniedHandler((request, response, ex) -> response.sendError(403)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/settings", "/settings/**").hasRole("USER")
                        .requestMatchers("/logout").authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }

}
