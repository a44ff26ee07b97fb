package dev.aikagi.server.properties;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passkeys (issue 17), under {@code aikagi.passkeys.*}: {@code rpId}, the WebAuthn relying party id (a domain, such
 * as {@code example.jp}; default: the host of {@code aikagi.public-url}); {@code origins}, the page origins a passkey
 * may answer from (default: the origin of {@code aikagi.public-url}); {@code rpName}, the name authenticators show
 * (default: {@code aikagi.issuer}). In development mode with the RP id {@code localhost}, any
 * {@code http://localhost:<port>} origin is accepted as well (the development server and the tests run on any port).
 */
@ConfigurationProperties("aikagi.passkeys")
public record PasskeyProperties(String rpId, List<String> origins, String rpName) {

    public PasskeyProperties {
        origins = origins == null ? List.of() : List.copyOf(origins);
    }
}
