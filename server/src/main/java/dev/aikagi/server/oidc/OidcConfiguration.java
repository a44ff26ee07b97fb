package dev.aikagi.server.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.PurposeMac;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.login.SignOut;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import dev.aikagi.server.properties.KeyRings;
import dev.aikagi.server.web.WaitingApplications;
import dev.aikagi.server.web.WebCookies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The OpenID Connect provider (Spring Security's authorization server): discovery, JWKS, the authorization
 * code flow with PKCE, tokens, userinfo and RP-initiated logout, all kept in the database so any node serves
 * any step. The person logs in through Aikagi's own pages; the tokens say how ({@link LoginFacts}).
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    @Order(0)
    SecurityFilterChain oidcChain(HttpSecurity http, Sessions sessions, WebCookies cookies, TwoStepSettings twoStep,
                                  Clock clock, PendingAuthorization pending, SignOut signOut,
                                  RegisteredClientRepository clients, OAuth2TokenGenerator<?> tokens,
                                  AttemptRepository attempts, MeterRegistry meters, RefreshTokenFamilies families,
                                  BackChannelLogout backChannelLogout, JdbcTemplate jdbc)
            throws Exception {
        WhatClientsUse clientsUse = new WhatClientsUse(jdbc);
        Counter throttled = Counter.builder("aikagi.rate.limited").description("Attempts refused by a rate limit")
                .tag("step", "client").register(meters);
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        ClientOrigins origins = new ClientOrigins(jdbc, clients);
        // The endpoints, and the CORS preflight of those browser applications call (OPTIONS, no body).
        http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(),
                        request -> CorsUtils.isPreFlightRequest(request) && origins.getCorsConfiguration(request) != null))
                .with(server, as -> as
                        .tokenGenerator(tokens)
                        .clientAuthentication(c -> c
                                .authenticationConverters(converters -> converters.add(PublicClientRefresh.converter()))
                                .authenticationProviders(providers -> {
                                    providers.addFirst(PublicClientRefresh.provider(clients));
                                    ClientAuthenticationThrottle.wrap(providers, attempts, clock, throttled::increment);
                                })
                                .errorResponseHandler(ClientAuthenticationThrottle.failureHandler(clock)))
                        .tokenEndpoint(t -> t.authenticationProviders(providers -> providers.replaceAll(p ->
                                p instanceof OAuth2RefreshTokenAuthenticationProvider ? families.guard(p) : p)))
                        .authorizationEndpoint(a -> a
                                .consentPage(ConsentPageController.PATH)
                                .errorResponseHandler(new AuthorizationRequestErrors())
                                .authenticationProviders(providers -> providers.forEach(p -> {
                                    if (p instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider provider) {
                                        provider.setAuthenticationValidator(
                                                new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                                        .andThen(new RequestObjects()).andThen(new AcrRequirement()));
                                    }
                                })))
                        .oidc(oidc -> oidc.logoutEndpoint(l -> l.logoutResponseHandler(
                                        new EndSessionOnLogout(signOut, cookies, new OidcLogoutAuthenticationSuccessHandler())))
                                .userInfoEndpoint(u -> u.errorResponseHandler(OidcRules::userInfoError))
                                .providerConfigurationEndpoint(p -> p.providerConfigurationCustomizer(
                                        c -> {
                                            OidcRules.onlyWhatWorks(c, clientsUse.now());
                                            backChannelLogout.advertise(c);
                                        }))))
                .cors(c -> c.configurationSource(origins))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // The endpoints check their own requests (state, PKCE, client authentication); no token in a session.
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .addFilterAfter(new OidcSessionFilter(sessions, cookies, pending, twoStep, clock),
                        SecurityContextHolderFilter.class)
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> { }))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor((request, response, ex) -> {
                    // Not signed in (or not freshly enough): log in first, then come back to this request.
                    // The login page opens in the language of ui_locales with login_hint's username filled.
                    pending.remember(response, request, clock.instant());
                    response.sendRedirect(request.getContextPath() + AskingApplication.loginPage(request));
                }, new AndRequestMatcher(new MediaTypeRequestMatcher(MediaType.TEXT_HTML),
                        request -> !OidcRules.isUserInfo(request)))) // userinfo: 401 with WWW-Authenticate, never a page
                // prompt=none reaches the endpoint even when nobody is signed in: it answers login_required
                // to the application instead of showing the login page (OpenID Connect Core 1.0 §3.1.2.1).
                .authorizeHttpRequests(a -> a.requestMatchers(OidcRules::isSilentAuthorization).permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** The authorization server's session tracking, turned into nothing (see {@link NoHttpSessions}). */
    @Bean
    SessionRegistry oidcSessionRegistry() {
        return NoHttpSessions.registry();
    }

    @Bean
    Applications applications(RegisteredClientRepository clients, JdbcTemplate jdbc,
                              PlatformTransactionManager transactions,
                              PasswordEncoder encoder, SecretGenerator generator, OidcProperties properties,
                              AikagiProperties aikagi) {
        return new Applications(clients, jdbc, new TransactionTemplate(transactions),
                encoder, generator, properties, aikagi.mode() == AikagiProperties.Mode.PRODUCTION);
    }

    /** The applications page answers 404 to everyone but the admins (the role, two-step required). */
    @Bean
    WebMvcConfigurer applicationsGate(Roles roles) {
        ApplicationAdmins admins = new ApplicationAdmins(roles);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(admins).addPathPatterns("/admin", "/admin/**");
            }
        };
    }

    @Bean
    PendingAuthorization pendingAuthorization(WebCookies cookies, KeyRings keys, Clock clock) {
        return new PendingAuthorization(cookies, new PurposeMac(keys.pepper(), PendingAuthorization.PURPOSE), clock);
    }

    /** The application a login is for, named on the login pages (web's view of the pending request). */
    @Bean
    WaitingApplications waitingApplications(PendingAuthorization pending, RegisteredClientRepository clients) {
        return new AskingApplication(pending, clients);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(OidcProperties properties, AikagiProperties aikagi) {
        return settings(properties, aikagi.mode(), aikagi.publicUrl());
    }

    /**
     * The issuer: in production {@code aikagi.oidc.issuer}, or else the public URL, and https either way (tokens
     * name it, and a request's own Host header must not choose it); in development it follows the request
     * unless set.
     */
    static AuthorizationServerSettings settings(OidcProperties properties, AikagiProperties.Mode mode, String publicUrl) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        String issuer = properties.issuer() == null ? "" : properties.issuer().strip();
        if (issuer.isEmpty() && mode == AikagiProperties.Mode.PRODUCTION && publicUrl != null) {
            issuer = publicUrl.strip().replaceAll("/+$", "");
        }
        if (mode == AikagiProperties.Mode.PRODUCTION) {
            URI uri;
            try {
                uri = issuer.isEmpty() ? null : new URI(issuer);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new InvalidConfigurationException(
                        "aikagi.oidc.issuer (or aikagi.public-url): production needs the https address applications"
                                + " reach Aikagi at, got '" + issuer + "'",
                        "Set AIKAGI_PUBLIC_URL (or AIKAGI_OIDC_ISSUER) to e.g. https://login.example.com (no query, no fragment).");
            }
        }
        if (!issuer.isEmpty()) {
            settings.issuer(issuer);
        }
        return settings.build();
    }

    /** An audit listener of the core's assembly (CoreConfiguration takes every AuditListener bean). */
    @Bean
    TokenRevocation tokenRevocation(JdbcTemplate jdbc, BackChannelLogout backChannelLogout) {
        return new TokenRevocation(jdbc, backChannelLogout);
    }

    /** Logout tokens to the applications with a {@code backchannel-logout-uri}, through the message queue. */
    @Bean
    BackChannelLogout backChannelLogout(JdbcTemplate jdbc, Deliveries deliveries, SigningKeys keys,
                                        BackChannelLogoutProperties backChannel, OidcProperties properties,
                                        AikagiProperties aikagi, SecretGenerator generator, Clock clock,
                                        Applications applications) {
        return new BackChannelLogout(jdbc, deliveries, keys, backChannel.uris(), applications, properties.issuer(),
                aikagi.publicUrl(), generator, clock);
    }

    @Bean
    SessionListener applicationTokensOfSession(TokenRevocation revocation) {
        return new ApplicationTokensOfSession(revocation);
    }

    @Bean
    RefreshTokenFamilies refreshTokenFamilies(JdbcTemplate jdbc, OAuth2AuthorizationService authorizations, Auditor audit,
                                              Clock clock) {
        return new RefreshTokenFamilies(jdbc, authorizations, audit, clock);
    }

    @Bean
    OidcHousekeeping oidcHousekeeping(JdbcTemplate jdbc, Clock clock) {
        return new OidcHousekeeping(jdbc, clock);
    }

    @Bean
    PasswordEncoder clientSecretEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc, OidcProperties properties,
                                                          PasswordEncoder encoder, AikagiProperties aikagi) {
        JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
        new ConfiguredClients(properties, encoder).writeTo(clients, aikagi.mode() == AikagiProperties.Mode.PRODUCTION);
        return clients;
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new HashedTokenValues(new JdbcOAuth2AuthorizationService(jdbc, clients));
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    SigningKeys signingKeys(JdbcTemplate jdbc, SecretCipher cipher, SecretGenerator generator, Clock clock,
                            OidcProperties properties) {
        return new SigningKeys(jdbc, cipher, generator, clock, properties.signingKeyLifetime(),
                properties.refreshTokenLifetime());
    }

    /** ID and access tokens as signed JWTs with the login's claims; refresh tokens for every client allowed them. */
    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys, OAuth2TokenCustomizer<JwtEncodingContext> loginClaims,
                                           SecretGenerator generator, Clock clock) {
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(keys));
        jwts.setJwtCustomizer(loginClaims);
        return new DelegatingOAuth2TokenGenerator(jwts, PublicClientRefresh.refreshTokens(generator, clock));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /** amr, acr, auth_time and sid from the login; username and email by scope; the current signing key. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> loginClaims(SigningKeys keys, AccountRepository accounts,
                                                          ContactChannelRepository contacts) {
        return context -> {
            context.getJwsHeader().keyId(keys.currentKeyId());
            var person = context.getPrincipal();
            if (!LoginFacts.sessionId(person).isPresent()) {
                return; // a client acting for itself
            }
            var claims = context.getClaims();
            claims.claim("acr", LoginFacts.acr(person));
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            // A plain list: the authorization is stored as JSON, and only such types may come back from it.
            claims.claim("amr", new ArrayList<>(LoginFacts.amr(person)));
            LoginFacts.authTime(person).ifPresent(t -> claims.claim("auth_time", Date.from(t)));
            LoginFacts.sid(person).ifPresent(sid -> claims.claim("sid", sid));
            AccountId id = AccountId.parse(person.getName());
            if (context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
                accounts.findById(id).ifPresent(a -> claims.claim("preferred_username", a.username()));
            }
            if (context.getAuthorizedScopes().contains(OidcScopes.EMAIL)) {
                contacts.find(id, Channel.EMAIL).ifPresent(e -> {
                    claims.claim("email", e.address());
                    claims.claim("email_verified", true);
                });
            }
        };
    }

}
