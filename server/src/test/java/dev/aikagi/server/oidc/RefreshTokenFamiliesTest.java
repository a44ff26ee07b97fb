package dev.aikagi.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.server.TestPostgres;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issue 14, refresh-token reuse (RFC 9700 §4.14.2): the authorization server's own refresh grant, its JDBC
 * store with hashed values, and {@link RefreshTokenFamilies} around it — on H2 and on PostgreSQL, with the
 * same token sent by many threads at once.
 */
class RefreshTokenFamiliesTest {

    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Contract {

        final MutableClock clock = MutableClock.at(NOW.toString());
        final SecretGenerator generator = TestSecrets.generator(14);
        final InMemoryAuditLog auditLog = new InMemoryAuditLog();
        JdbcTemplate jdbc;
        OAuth2AuthorizationService authorizations;
        RegisteredClient client;
        AuthenticationProvider refresh;

        abstract DataSource dataSource();

        @BeforeAll
        void wire() {
            DataSource dataSource = dataSource();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            jdbc = new JdbcTemplate(dataSource);
            JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
            client = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("app-" + UUID.randomUUID())
                    .clientSecret("{noop}secret").clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri("https://app.example/cb").scope("profile")
                    .tokenSettings(TokenSettings.builder().reuseRefreshTokens(false)
                            .refreshTokenTimeToLive(Duration.ofDays(30)).build())
                    .build();
            clients.save(client);
            authorizations = new HashedTokenValues(new JdbcOAuth2AuthorizationService(jdbc, clients));
            OAuth2TokenGenerator<?> refreshTokens = PublicClientRefresh.refreshTokens(generator, clock);
            OAuth2TokenGenerator<OAuth2Token> tokens = context -> OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                    ? new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, random(), clock.instant(),
                            clock.instant().plusSeconds(300), context.getAuthorizedScopes())
                    : refreshTokens.generate(context);
            RefreshTokenFamilies families = new RefreshTokenFamilies(jdbc, authorizations,
                    new Auditor(auditLog, generator, clock), clock);
            refresh = families.guard(new OAuth2RefreshTokenAuthenticationProvider(authorizations, tokens));
        }

        String random() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(32));
        }

        /** A login's authorization with an access token and the refresh token returned. */
        String login(AccountId account) {
            String refreshToken = random();
            Authentication person = UsernamePasswordAuthenticationToken.authenticated(account.toString(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_USER")));
            authorizations.save(OAuth2Authorization.withRegisteredClient(client).id(UUID.randomUUID().toString())
                    .principalName(account.toString()).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizedScopes(Set.of("profile")).attribute(Principal.class.getName(), person)
                    .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, random(), NOW,
                            NOW.plusSeconds(300), Set.of("profile")))
                    .refreshToken(new OAuth2RefreshToken(refreshToken, NOW, NOW.plus(Duration.ofDays(30))))
                    .build());
            return refreshToken;
        }

        OAuth2AccessTokenAuthenticationToken use(String refreshToken) {
            return use(refreshToken, Set.of());
        }

        /** A refresh as the token endpoint makes it (the endpoint's context is per thread). */
        OAuth2AccessTokenAuthenticationToken use(String refreshToken, Set<String> scopes) {
            OAuth2ClientAuthenticationToken caller = new OAuth2ClientAuthenticationToken(client,
                    ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
            AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
                @Override
                public String getIssuer() {
                    return "https://id.example";
                }

                @Override
                public AuthorizationServerSettings getAuthorizationServerSettings() {
                    return AuthorizationServerSettings.builder().build();
                }
            });
            try {
                return (OAuth2AccessTokenAuthenticationToken) refresh.authenticate(
                        new OAuth2RefreshTokenAuthenticationToken(refreshToken, caller, scopes, Map.of()));
            } finally {
                AuthorizationServerContextHolder.resetContext();
            }
        }

        boolean refused(String refreshToken) {
            try {
                use(refreshToken);
                return false;
            } catch (OAuth2AuthenticationException e) {
                assertThat(e.getError().getErrorCode()).isEqualTo("invalid_grant");
                return true;
            }
        }

        List<AuditEvent> reuses(AccountId account) {
            return auditLog.recent(account, 100).stream().filter(e -> e.type() == AuditType.REFRESH_TOKEN_REUSED).toList();
        }

        @Test
        void refreshWhenUsedTokenPresentedAgainThenFamilyRevokedAndAuditedWithoutTokens() {
            AccountId account = new AccountId(UUID.randomUUID());
            String r1 = login(account);
            String otherLogin = login(account);
            var first = use(r1);
            String r2 = first.getRefreshToken().getTokenValue();
            String a2 = first.getAccessToken().getTokenValue();
            assertThat(r2).isNotEqualTo(r1);
            assertThat(authorizations.findByToken(a2, OAuth2TokenType.ACCESS_TOKEN)).isNotNull();

            assertThat(refused(r1)).isTrue();

            assertThat(authorizations.findByToken(r2, OAuth2TokenType.REFRESH_TOKEN)).as("the current refresh token").isNull();
            assertThat(authorizations.findByToken(a2, OAuth2TokenType.ACCESS_TOKEN)).as("the access token").isNull();
            assertThat(refused(r2)).isTrue();
            assertThat(use(otherLogin).getRefreshToken()).as("another login's family lives on").isNotNull();
            List<AuditEvent> audited = reuses(account);
            assertThat(audited).isNotEmpty();
            assertThat(audited.getFirst().details()).containsEntry("client", client.getClientId())
                    .containsEntry("revoked", "yes");
            for (AuditEvent event : audited) {
                assertThat(event.details().toString()).doesNotContain(r1).doesNotContain(r2).doesNotContain(a2)
                        .doesNotContain(HashedTokenValues.hash(r1));
            }
            assertThat(jdbc.queryForObject("select count(*) from oidc_spent_refresh_token where token_hash = ?",
                    Integer.class, r1)).as("only the hash is kept").isZero();
        }

        @Test
        void refreshWhenRefusedForAnotherReasonThenTokenStaysUsable() {
            AccountId account = new AccountId(UUID.randomUUID());
            String r1 = login(account);
            assertThatThrownBy(() -> use(r1, Set.of("admin"))).isInstanceOf(OAuth2AuthenticationException.class);
            assertThat(use(r1).getRefreshToken()).as("a scope refused is not a use").isNotNull();
            assertThat(reuses(account)).isEmpty();
        }

        /** STYLE rule 26: the same refresh token from many threads at once — at most one refresh, then none. */
        @Test
        void refreshWhenSameTokenSentConcurrentlyThenAtMostOneSucceedsAndTheFamilyEnds() throws Exception {
            AccountId account = new AccountId(UUID.randomUUID());
            String r1 = login(account);
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<OAuth2AccessTokenAuthenticationToken>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return use(r1);
                        } catch (OAuth2AuthenticationException refused) {
                            return null;
                        }
                    }));
                }
                List<OAuth2AccessTokenAuthenticationToken> accepted = new ArrayList<>();
                for (var result : results) {
                    OAuth2AccessTokenAuthenticationToken token = result.get();
                    if (token != null) {
                        accepted.add(token);
                    }
                }
                assertThat(accepted).hasSizeLessThanOrEqualTo(1);
                for (var token : accepted) {
                    assertThat(refused(token.getRefreshToken().getTokenValue())).isTrue();
                    assertThat(authorizations.findByToken(token.getAccessToken().getTokenValue(),
                            OAuth2TokenType.ACCESS_TOKEN)).isNull();
                }
                assertThat(refused(r1)).isTrue();
                assertThat(reuses(account)).isNotEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void constructorWhenNullThenNamesIt() {
        JdbcTemplate jdbc = new JdbcTemplate(new JdbcDataSource());
        OAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
        Auditor audit = new Auditor(new InMemoryAuditLog(), TestSecrets.generator(1), MutableClock.at(NOW.toString()));
        assertThatNullPointerException().isThrownBy(() -> new RefreshTokenFamilies(null, store, audit,
                MutableClock.at(NOW.toString()))).withMessage("jdbc");
        assertThatNullPointerException().isThrownBy(() -> new RefreshTokenFamilies(jdbc, null, audit,
                MutableClock.at(NOW.toString()))).withMessage("authorizations");
        assertThatNullPointerException().isThrownBy(() -> new RefreshTokenFamilies(jdbc, store, null,
                MutableClock.at(NOW.toString()))).withMessage("audit");
        assertThatNullPointerException().isThrownBy(() -> new RefreshTokenFamilies(jdbc, store, audit, null))
                .withMessage("clock");
    }

    @Nested
    class OnH2 extends Contract {
        @Override
        DataSource dataSource() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:refresh-families-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            return h2;
        }
    }

    @TempDir
    static Path postgresDir;

    @Nested
    class OnPostgres extends Contract {
        TestPostgres postgres;

        @Override
        DataSource dataSource() {
            postgres = TestPostgres.start(postgresDir);
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(postgres.jdbcUrl());
            source.setUser("postgres");
            return source;
        }

        @AfterAll
        void stopPostgres() {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
