package dev.aikagi.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.InMemoryMessageQueue;
import dev.aikagi.core.delivery.RecordingGateway;
import dev.aikagi.server.properties.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/** The back-channel logout URIs as configured, and what discovery says about them. */
class BackChannelLogoutPropertiesTest {

    private final MutableClock clock = MutableClock.at("2026-12-01T09:00:00Z");
    private final SecretGenerator generator = TestSecrets.generator(5);
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:bcl-" + UUID.randomUUID()));

    private BackChannelLogout backChannel(Map<String, URI> uris) {
        SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), generator);
        Deliveries deliveries = new Deliveries(new InMemoryMessageQueue(), Map.of(Channel.LOGOUT, new RecordingGateway()),
                cipher, generator, clock);
        return new BackChannelLogout(jdbc, deliveries,
                new SigningKeys(jdbc, cipher, generator, clock, Duration.ofDays(90), Duration.ofDays(30)), uris, null,
                "http://localhost:8080", generator, clock);
    }

    /** No configured client has a URI; a registered application has one. */
    private BackChannelLogout registeredOnly() {
        SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), generator);
        Deliveries deliveries = new Deliveries(new InMemoryMessageQueue(), Map.of(Channel.LOGOUT, new RecordingGateway()),
                cipher, generator, clock);
        BackChannelLogout.Registered registered = new BackChannelLogout.Registered() {
            @Override
            public java.util.Optional<URI> backchannelLogoutUri(String clientId) {
                return java.util.Optional.of(URI.create("https://app.example.jp/bcl"));
            }

            @Override
            public boolean anyBackchannelLogoutUri() {
                return true;
            }
        };
        return new BackChannelLogout(jdbc, deliveries,
                new SigningKeys(jdbc, cipher, generator, clock, Duration.ofDays(90), Duration.ofDays(30)), Map.of(),
                registered, null, "http://localhost:8080", generator, clock);
    }

    @Test
    void discoveryWhenOnlyARegisteredApplicationHasAUriThenSupportedWithSessions() {
        assertThat(discovery(registeredOnly())).containsEntry("backchannel_logout_supported", true)
                .containsEntry("backchannel_logout_session_supported", true);
    }

    @Test
    void registeredUriWhenHttpToAnotherHostOrInProductionThenRefusedElseAccepted() {
        assertThat(Applications.isBackchannelLogoutUri("https://app.example.jp/bcl", true)).isTrue();
        assertThat(Applications.isBackchannelLogoutUri("http://localhost:9000/bcl", false)).isTrue();
        assertThat(Applications.isBackchannelLogoutUri("http://localhost:9000/bcl", true)).isFalse();
        assertThat(Applications.isBackchannelLogoutUri("http://app.example.jp/bcl", false)).isFalse();
        assertThat(Applications.isBackchannelLogoutUri("https://app.example.jp/bcl#x", false)).isFalse();
        assertThat(Applications.isBackchannelLogoutUri("/bcl", false)).isFalse();
        assertThat(Applications.isBackchannelLogoutUri("https://app.example.jp/" + "a".repeat(320), false)).isFalse();
    }

    private static Map<String, Object> discovery(BackChannelLogout backChannel) {
        OidcProviderConfiguration.Builder builder = OidcProviderConfiguration.builder();
        backChannel.advertise(builder);
        Map<String, Object> claims = new java.util.HashMap<>();
        builder.claims(claims::putAll);
        return claims;
    }

    @Test
    void discoveryWhenNoClientHasAUriThenNotSupportedAndNoSessionClaim() {
        assertThat(discovery(backChannel(Map.of()))).containsEntry("backchannel_logout_supported", false)
                .doesNotContainKey("backchannel_logout_session_supported");
    }

    @Test
    void discoveryWhenAClientHasAUriThenSupportedWithSessions() {
        assertThat(discovery(backChannel(Map.of("web", URI.create("https://app.example.jp/bcl")))))
                .containsEntry("backchannel_logout_supported", true)
                .containsEntry("backchannel_logout_session_supported", true);
    }

    @Test
    void urisWhenAbsoluteHttpOrHttpsThenKeptByClientAndBlankIgnored() {
        var properties = new BackChannelLogoutProperties(Map.of(
                "web", new BackChannelLogoutProperties.Client("https://app.example.jp/logout/backchannel?x=1"),
                "local", new BackChannelLogoutProperties.Client("http://10.0.0.5:3000/bcl"),
                "none", new BackChannelLogoutProperties.Client(" ")));

        assertThat(properties.uris()).containsOnlyKeys("web", "local")
                .containsEntry("web", URI.create("https://app.example.jp/logout/backchannel?x=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/bcl", "ftp://app.example.jp/bcl", "https://app.example.jp/bcl#frag", "https:///nohost",
            "https://app.example.jp/ bad"})
    void urisWhenNotAnAbsoluteHttpUriWithoutFragmentThenStartUpStopsNamingTheSetting(String uri) {
        var properties = new BackChannelLogoutProperties(Map.of("web", new BackChannelLogoutProperties.Client(uri)));

        assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(properties::uris)
                .withMessageStartingWith("aikagi.oidc.clients.web.backchannel-logout-uri: ");
    }

    @Test
    void urisWhenLongerThanTheQueueHoldsThenRefused() {
        String uri = "https://app.example.jp/" + "a".repeat(Deliveries.MAX_RECIPIENT_LENGTH);
        var properties = new BackChannelLogoutProperties(Map.of("web", new BackChannelLogoutProperties.Client(uri)));

        assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(properties::uris);
    }
}
