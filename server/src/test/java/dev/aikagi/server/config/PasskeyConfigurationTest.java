package dev.aikagi.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import dev.aikagi.server.properties.PasskeyProperties;
import dev.aikagi.server.web.WebAuthnCeremonies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17: the relying party of passkeys, from aikagi.public-url or aikagi.passkeys.*, checked at start-up. */
class PasskeyConfigurationTest {

    @Test
    void ceremoniesWhenNothingSetThenRpIdAndOriginOfThePublicUrl() {
        WebAuthnCeremonies rp = PasskeyConfiguration.ceremonies("https://id.example.jp", AikagiProperties.Mode.PRODUCTION,
                new PasskeyProperties(null, null, null));

        assertThat(rp.rpId()).isEqualTo("id.example.jp");
        assertThat(rp.accepts("https://id.example.jp")).isTrue();
        assertThat(rp.accepts("https://evil.example")).isFalse();
        assertThat(rp.accepts("http://id.example.jp")).isFalse();
    }

    @Test
    void ceremoniesWhenParentDomainAndAppOriginConfiguredThenAccepted() {
        WebAuthnCeremonies rp = PasskeyConfiguration.ceremonies("https://id.example.jp", AikagiProperties.Mode.PRODUCTION,
                new PasskeyProperties("Example.JP", List.of("https://id.example.jp", "https://login.example.jp",
                        "android:apk-key-hash:AbCdEf0123"), null));

        assertThat(rp.rpId()).isEqualTo("example.jp");
        assertThat(rp.accepts("https://login.example.jp")).isTrue();
        assertThat(rp.accepts("android:apk-key-hash:AbCdEf0123")).isTrue();
    }

    @Test
    void ceremoniesWhenOriginOffTheDomainThenErrorNamesTheSetting() {
        assertThatThrownBy(() -> PasskeyConfiguration.ceremonies("https://id.example.jp",
                AikagiProperties.Mode.PRODUCTION, new PasskeyProperties(null, List.of("https://example.com"), null)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("aikagi.passkeys.origins: 'https://example.com' is not on the relying party's"
                        + " domain id.example.jp");
    }

    @Test
    void ceremoniesWhenDevelopmentOnLocalhostThenAnyLocalPortButOnlyThere() {
        WebAuthnCeremonies dev = PasskeyConfiguration.ceremonies("http://localhost:8080",
                AikagiProperties.Mode.DEVELOPMENT, new PasskeyProperties(null, null, null));
        WebAuthnCeremonies production = PasskeyConfiguration.ceremonies("http://localhost:8080",
                AikagiProperties.Mode.PRODUCTION, new PasskeyProperties(null, null, null));

        assertThat(dev.accepts("http://localhost:41234")).isTrue();
        assertThat(dev.accepts("http://127.0.0.1:41234")).isFalse();
        assertThat(production.accepts("http://localhost:41234")).isFalse();
        assertThat(production.accepts("http://localhost:8080")).isTrue();
    }
}
