package dev.aikagi.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyRing;
import dev.aikagi.core.crypto.PurposeMac;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import dev.aikagi.server.web.WebCookies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The small rules of the provider: what a login proves, acr_values, the pending request, the issuer. */
class OidcRulesTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

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

    /** Issue 17: a login on a trusted browser (amr swk, RFC 8176) reaches the ID token as two factors at aal2. */
    @Test
    void loginFactsWhenTrustedDeviceThenSwkWithMfaAndAal2() {
        var person = LoginFacts.authentication(session(List.of("pwd", "swk"), AssuranceLevel.AAL2));
        assertThat(LoginFacts.amr(person)).containsExactly("pwd", "swk", "mfa");
        assertThat(LoginFacts.acr(person)).isEqualTo("aal2");
    }

    /** Issue 17: a passkey as the second step, and a passkey alone (whose session has mfa already). */
    @Test
    void loginFactsWhenPasskeyThenAmrAfterRfc8176WithOneMfaAndAcrAal2() {
        var second = LoginFacts.authentication(session(List.of("pwd", "hwk", "user"), AssuranceLevel.AAL2));
        assertThat(LoginFacts.amr(second)).containsExactly("pwd", "hwk", "user", "mfa");
        assertThat(LoginFacts.acr(second)).isEqualTo("aal2");
        var alone = LoginFacts.authentication(session(List.of("hwk", "user", "mfa"), AssuranceLevel.AAL2));
        assertThat(LoginFacts.amr(alone)).containsExactly("hwk", "user", "mfa");
        assertThat(LoginFacts.acr(alone)).isEqualTo("aal2");
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

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static PendingAuthorization pending(MutableClock clock, KeyRing ring) {
        return new PendingAuthorization(new WebCookies(true), new PurposeMac(ring, PendingAuthorization.PURPOSE), clock);
    }

    static String signed(PendingAuthorization pending, String path, Instant askedAt) {
        return pending.encode(new PendingAuthorization.Pending(path, askedAt));
    }

    @Test
    void pendingWhenSignedCookieNamesTheAuthorizationEndpointThenReadElseIgnored() {
        MutableClock clock = MutableClock.at(T0.toString());
        PendingAuthorization pending = pending(clock, TestSecrets.keyRing("p1"));
        assertThat(pending.decode(signed(pending, "/oauth2/authorize?client_id=web", T0)))
                .hasValueSatisfying(p -> {
                    assertThat(p.path()).isEqualTo("/oauth2/authorize?client_id=web");
                    assertThat(p.askedAt()).isEqualTo(T0);
                });
        // Never anywhere else, even signed: no other path, host, scheme-relative address, fragment or control character.
        for (String bad : List.of("https://evil.example/", "//evil.example/oauth2/authorize", "/settings",
                "/oauth2/authorizeX", "/oauth2/authorize?x=1#f", "/oauth2/authorize?x=\n")) {
            assertThat(pending.decode(signed(pending, bad, T0))).as(bad).isEmpty();
        }
        assertThat(pending.decode("%%%not-base64")).isEmpty();
        assertThat(pending.decode("")).isEmpty();
    }

    /** Issue 14: a forged pending cookie must not let an old session pass for the fresh login prompt=login asks for. */
    @Test
    void pendingWhenForgedAlteredOtherKeyOrExpiredThenIgnored() {
        MutableClock clock = MutableClock.at(T0.toString());
        PendingAuthorization pending = pending(clock, TestSecrets.keyRing("p1"));
        String path = "/oauth2/authorize?client_id=web&prompt=login&state=s1";
        String good = signed(pending, path, T0);
        String[] parts = good.split("\\.");

        // The old format (no signature), as a forger would write it, with a time long ago.
        assertThat(pending.decode(b64("1|" + path))).as("unsigned").isEmpty();
        // Altered: an earlier time, another request, another client, each keeping the real tag.
        for (String payload : List.of("1|" + path, T0.toEpochMilli() + "|/oauth2/authorize?client_id=web&state=s1",
                T0.toEpochMilli() + "|/oauth2/authorize?client_id=evil&prompt=login&state=s1")) {
            assertThat(pending.decode(parts[0] + "." + parts[1] + "." + b64(payload) + "." + parts[3]))
                    .as(payload).isEmpty();
        }
        // A tag of the right shape but wrong, a key id the ring does not hold, a key from another installation.
        assertThat(pending.decode(parts[0] + "." + parts[1] + "." + parts[2] + "." + "A".repeat(43))).isEmpty();
        assertThat(pending.decode(parts[0] + ".p9." + parts[2] + "." + parts[3])).isEmpty();
        assertThat(pending(clock, TestSecrets.keyRing("other")).decode(good)).isEmpty();
        // The same key ring used for another purpose (the raw pepper, say) does not make a valid tag.
        assertThat(new PendingAuthorization(new WebCookies(true), new PurposeMac(TestSecrets.keyRing("p1"), "another"), clock)
                .decode(good)).isEmpty();

        assertThat(pending.decode(good)).isPresent();
        assertThat(pending(clock, TestSecrets.keyRing("p2", "p1")).decode(good)).as("still read after a rotation").isPresent();
        clock.advance(PendingAuthorization.AGE.minusSeconds(1));
        assertThat(pending.decode(good)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(pending.decode(good)).as("30 minutes by the server's clock, whatever the cookie's Max-Age").isEmpty();
        assertThat(pending.decode(signed(pending, path, clock.instant().plus(Duration.ofMinutes(5)))))
                .as("made in the future").isEmpty();
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

    /** Clients in a map, as the table holds them. */
    static class MapClients implements RegisteredClientRepository {
        final Map<String, RegisteredClient> stored = new ConcurrentHashMap<>();

        @Override
        public void save(RegisteredClient client) {
            stored.put(client.getClientId(), client);
        }

        @Override
        public RegisteredClient findById(String id) {
            return stored.values().stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            return stored.get(clientId);
        }
    }

    static OidcProperties webClientWithSecret(String secret) {
        return new OidcProperties(null, Map.of("web", new OidcProperties.Client("Web", secret,
                List.of("https://app.example/cb"), List.of(), List.of("openid"), true)), Duration.ofMinutes(5),
                Duration.ofDays(30), Duration.ofDays(90), List.of());
    }

    @Test
    void configuredClientsWhenAnotherNodeWritesTheSameClientFirstThenWrittenAgainAsAnUpdate() {
        var saves = new AtomicInteger();
        var repository = new MapClients() {
            @Override
            public void save(RegisteredClient client) {
                if (saves.incrementAndGet() == 1) {
                    super.save(client); // the other node's insert lands first
                    throw new DuplicateKeyException("oauth2_registered_client_pk");
                }
                super.save(client);
            }
        };

        new ConfiguredClients(webClientWithSecret("secret"), ENCODER).writeTo(repository);

        assertThat(saves).hasValue(2);
        assertThat(repository.findByClientId("web").getRedirectUris()).containsExactly("https://app.example/cb");
    }

    @Test
    void configuredClientsWhenProductionThenAPlainSecretShorterThan32CharactersStopsTheStart() {
        MapClients repository = new MapClients();

        assertThatThrownBy(() -> new ConfiguredClients(webClientWithSecret("a".repeat(31)), ENCODER)
                .writeTo(repository, true))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("aikagi.oidc.clients.web.secret: must be at least 32 characters in production, is 31");
        assertThat(repository.stored).as("nothing written when a client is refused").isEmpty();

        new ConfiguredClients(webClientWithSecret("a".repeat(31)), ENCODER).writeTo(repository, false);
        assertThat(repository.stored).as("development takes a short secret").containsKey("web");
        repository.stored.clear();
        new ConfiguredClients(webClientWithSecret("a".repeat(32)), ENCODER).writeTo(repository, true);
        assertThat(repository.stored).containsKey("web");
        new ConfiguredClients(webClientWithSecret(ENCODER.encode("short")), ENCODER).writeTo(repository, true);
        new ConfiguredClients(webClientWithSecret(null), ENCODER).writeTo(repository, true);
        assertThat(repository.findByClientId("web").getClientAuthenticationMethods())
                .as("a public client has no secret to check").extracting(m -> m.getValue()).containsExactly("none");
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
