package dev.aikagi.server.config;

import dev.aikagi.core.CoreAssembly;
import dev.aikagi.core.factor.passkey.PasskeyChallengeRepository;
import dev.aikagi.core.factor.passkey.PasskeyRepository;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.login.PasskeyLogin;
import dev.aikagi.core.settings.PasskeySettings;
import dev.aikagi.jdbc.JdbcPasskeyChallengeRepository;
import dev.aikagi.jdbc.JdbcPasskeyRepository;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import dev.aikagi.server.properties.PasskeyProperties;
import dev.aikagi.server.web.PasskeyOptions;
import dev.aikagi.server.web.WebAuthnCeremonies;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Passkeys (issue 17): their tables, the WebAuthn checks (webauthn4j) with the operator's relying party, and the
 * core's passkey services. RP id and origins default to {@code aikagi.public-url}; a configured origin outside the
 * RP id's domain stops the start, naming the property.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PasskeyConfiguration.class);

    @Bean
    PasskeyRepository passkeyRepository(DataSource dataSource) {
        return new JdbcPasskeyRepository(dataSource);
    }

    @Bean
    PasskeyChallengeRepository passkeyChallengeRepository(DataSource dataSource) {
        return new JdbcPasskeyChallengeRepository(dataSource);
    }

    @Bean
    WebAuthnCeremonies webAuthnCeremonies(AikagiProperties properties, PasskeyProperties passkeys) {
        return ceremonies(properties.publicUrl(), properties.mode(), passkeys);
    }

    /**
     * The relying party: {@code aikagi.passkeys.rp-id} or the public URL's host, and {@code aikagi.passkeys.origins}
     * or the public URL's origin. A web origin outside the RP id's domain stops the start (WebAuthn §13.4.9: the
     * browser would refuse it anyway); an app's origin ({@code android:apk-key-hash:…}) is taken as it is.
     */
    static WebAuthnCeremonies ceremonies(String publicUrl, AikagiProperties.Mode mode, PasskeyProperties passkeys) {
        URI url = URI.create(publicUrl);
        String rpId = passkeys.rpId() == null || passkeys.rpId().isBlank()
                ? url.getHost()
                : passkeys.rpId().strip().toLowerCase(Locale.ROOT);
        List<String> origins = passkeys.origins().isEmpty() ? List.of(origin(url)) : passkeys.origins();
        for (String origin : origins) {
            URI parsed = URI.create(origin.strip());
            boolean web = "https".equals(parsed.getScheme()) || "http".equals(parsed.getScheme());
            String host = parsed.getHost();
            if (web && (host == null || !(host.equals(rpId) || host.endsWith("." + rpId)))) {
                throw new InvalidConfigurationException("aikagi.passkeys.origins: '" + origin
                        + "' is not on the relying party's domain " + rpId,
                        "List origins such as https://" + rpId + " (or set aikagi.passkeys.rp-id to their domain).");
            }
        }
        boolean development = mode == AikagiProperties.Mode.DEVELOPMENT && "localhost".equals(rpId);
        return new WebAuthnCeremonies(rpId, origins.stream().map(String::strip).toList(), development);
    }

    @Bean
    PasskeyOptions passkeyOptions(WebAuthnCeremonies ceremonies, AikagiProperties properties,
                                  PasskeyProperties passkeys) {
        String name = passkeys.rpName() == null || passkeys.rpName().isBlank() ? properties.issuer() : passkeys.rpName();
        return new PasskeyOptions(ceremonies.rpId(), name);
    }

    @Bean
    Passkeys passkeys(CoreAssembly core) {
        return core.passkeys();
    }

    @Bean
    PasskeyLogin passkeyLogin(CoreAssembly core) {
        return core.passkeyLogin();
    }

    @Bean
    PasskeySettings passkeySettings(CoreAssembly core) {
        return core.passkeySettings();
    }

    /** Challenges nobody answered: deleted once expired (a used one is refused by its used_at meanwhile). */
    @Bean
    PasskeyChallengeCleanup passkeyChallengeCleanup(PasskeyChallengeRepository challenges, Clock clock) {
        return new PasskeyChallengeCleanup(challenges, clock);
    }

    static final class PasskeyChallengeCleanup {
        private final PasskeyChallengeRepository challenges;
        private final Clock clock;

        PasskeyChallengeCleanup(PasskeyChallengeRepository challenges, Clock clock) {
            this.challenges = challenges;
            this.clock = clock;
        }

        @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
        void deleteExpired() {
            int deleted = challenges.deleteExpired(clock.instant());
            if (deleted > 0) {
                log.info("Deleted {} expired passkey challenges", deleted);
            }
        }
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
