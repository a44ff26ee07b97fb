package dev.aikagi.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.flow.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.config.AikagiProperties;
import dev.aikagi.server.config.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The small rules of the provider: what a login proves, acr_values, the pending request, the issuer. */
class OidcRulesTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    static Session session(List<String> amr, AssuranceLevel level) {
        return new Session(UUID.randomUUID(), "hash", new AccountId(UUID.randomUUID()), amr, level, T0, T0, null,
                Session.Kind.BROWSER);
    }

    @Test
    void loginFactsWhenTwoFactorsThenAmrInOrderWithMfaAcrAal2AndAuthTimeOfTheLogin() {
        Session s = session(List.of("pwd", "sms"), AssuranceLevel.AAL2);
        var person = LoginFacts.authentication(s);
        assertThat(LoginFacts.amr(person)).containsExactly("pwd", "sms", "mfa");
        assertThat(LoginFacts.acr(person)).isEqualTo("aal2");
        assertThat(LoginFacts.authTime(person)).contains(T0);
        assertThat(LoginFacts.sessionId(person)).contains(s.id());
        assertThat(LoginFacts.sid(person).orElseThrow()).hasSize(32).doesNotContain(s.id().toString());
        assertThat(person.getName()).isEqualTo(s.accountId().toString());
    }

    @Test
    void loginFactsWhenPasswordOnlyThenAal1WithoutMfa() {
        var person = LoginFacts.authentication(session(List.of("pwd"), AssuranceLevel.AAL1));
        assertThat(LoginFacts.amr(person)).containsExactly("pwd");
        assertThat(LoginFacts.acr(person)).isEqualTo("aal1");
        var backup = LoginFacts.authentication(session(List.of("pwd", "backup_code"), AssuranceLevel.AAL2));
        assertThat(LoginFacts.amr(backup)).containsExactly("pwd", "backup_code", "mfa");
    }

    @Test
    void acrValuesWhenOnlyAal2ListedThenTwoStepDemandedElseNot() {
        assertThat(AcrRequirement.demandsTwoStep("aal2")).isTrue();
        assertThat(AcrRequirement.demandsTwoStep("  aal2  urn:other ")).isTrue();
        assertThat(AcrRequirement.demandsTwoStep("aal1 aal2")).isFalse();
        assertThat(AcrRequirement.demandsTwoStep("aal1")).isFalse();
        assertThat(AcrRequirement.demandsTwoStep("")).isFalse();
        assertThat(AcrRequirement.demandsTwoStep(null)).isFalse();
    }

    static String cookie(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pendingWhenCookieNamesTheAuthorizationEndpointThenReadElseIgnored() {
        assertThat(PendingAuthorization.decode(cookie("1700000000000|/oauth2/authorize?client_id=web")))
                .hasValueSatisfying(p -> {
                    assertThat(p.path()).isEqualTo("/oauth2/authorize?client_id=web");
                    assertThat(p.askedAt()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
                });
        // Never anywhere else: no other path, host, scheme-relative address, fragment or control character.
        for (String bad : List.of("1|https://evil.example/", "1|//evil.example/oauth2/authorize", "1|/settings",
                "1|/oauth2/authorizeX", "1|/oauth2/authorize?x=1#f", "1|/oauth2/authorize?x=\n", "x|/oauth2/authorize",
                "|/oauth2/authorize", "no-bar")) {
            assertThat(PendingAuthorization.decode(cookie(bad))).as(bad).isEmpty();
        }
        assertThat(PendingAuthorization.decode("%%%not-base64")).isEmpty();
    }

    static OidcProperties properties(String issuer) {
        return new OidcProperties(issuer, Map.of(), Duration.ofMinutes(5), Duration.ofDays(30), Duration.ofDays(90),
                List.of());
    }

    @Test
    void issuerWhenProductionThenHttpsRequiredAndDevelopmentMayLeaveItOut() {
        var production = AikagiProperties.Mode.PRODUCTION;
        assertThat(OidcConfiguration.settings(properties("https://login.example.com"), production, "https://other.example")
                .getIssuer()).isEqualTo("https://login.example.com");
        assertThat(OidcConfiguration.settings(properties(null), production, "https://id.example.com/").getIssuer())
                .as("the public URL when no issuer is set").isEqualTo("https://id.example.com");
        for (String bad : new String[] {"http://login.example.com", "https://login.example.com?x=1", "login"}) {
            assertThatThrownBy(() -> OidcConfiguration.settings(properties(bad), production, "https://id.example.com"))
                    .as(bad).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("aikagi.oidc.issuer");
        }
        assertThatThrownBy(() -> OidcConfiguration.settings(properties(null), production, "http://localhost:8080"))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThat(OidcConfiguration.settings(properties(null), AikagiProperties.Mode.DEVELOPMENT, "http://localhost:8080")
                .getIssuer()).as("development follows the request").isNull();
    }

    @Test
    void configuredClientsWhenAnotherNodeWritesTheSameClientFirstThenWrittenAgainAsAnUpdate() {
        var stored = new java.util.concurrent.ConcurrentHashMap<String, org.springframework.security.oauth2.server.authorization.client.RegisteredClient>();
        var saves = new java.util.concurrent.atomic.AtomicInteger();
        var repository = new org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository() {
            @Override
            public void save(org.springframework.security.oauth2.server.authorization.client.RegisteredClient client) {
                if (saves.incrementAndGet() == 1) {
                    stored.put(client.getClientId(), client); // the other node's insert lands first
                    throw new org.springframework.dao.DuplicateKeyException("oauth2_registered_client_pk");
                }
                stored.put(client.getClientId(), client);
            }

            @Override
            public org.springframework.security.oauth2.server.authorization.client.RegisteredClient findById(String id) {
                return stored.values().stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
            }

            @Override
            public org.springframework.security.oauth2.server.authorization.client.RegisteredClient findByClientId(String id) {
                return stored.get(id);
            }
        };
        OidcProperties properties = new OidcProperties(null, Map.of("web", new OidcProperties.Client("Web", "secret",
                List.of("https://app.example/cb"), List.of(), List.of("openid"), true)), Duration.ofMinutes(5),
                Duration.ofDays(30), Duration.ofDays(90), List.of());

        new ConfiguredClients(properties, org.springframework.security.crypto.factory.PasswordEncoderFactories
                .createDelegatingPasswordEncoder()).writeTo(repository);

        assertThat(saves).hasValue(2);
        assertThat(repository.findByClientId("web").getRedirectUris()).containsExactly("https://app.example/cb");
    }

    @Test
    void applicationsWhenRedirectUriCheckedThenAbsoluteWithoutFragmentOrComma() {
        assertThat(Applications.isRedirectUri("https://app.example/cb")).isTrue();
        assertThat(Applications.isRedirectUri("dev.aikagi.demo:/callback")).isTrue();
        for (String bad : new String[] {"/cb", "https://app.example/cb#x", "https://a.example/cb,https://b.example/",
                " ", "https://" + "a".repeat(600)}) {
            assertThat(Applications.isRedirectUri(bad)).as(bad).isFalse();
        }
    }
}
