package dev.aikagi.server.properties;

import dev.aikagi.core.crypto.KeyRing;
import dev.aikagi.core.crypto.SecretGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two key rings Aikagi needs: the pepper for code digests and the encryption key for secrets at rest.
 *
 * <p>In production they must come from configuration; a missing or malformed key stops start-up with
 * one line naming the property. In development, when none are configured, they are generated once into
 * {@code <data-dir>/keys.properties} (readable by the owner only) and read back on later starts, so codes
 * and authenticators made yesterday still verify today.
 */
public record KeyRings(KeyRing pepper, KeyRing encryption) {

    static final int KEY_LENGTH = 32;
    static final String DEV_FILE = "keys.properties";
    private static final Logger log = LoggerFactory.getLogger(KeyRings.class);

    public static KeyRings from(AikagiProperties.Keys keys, AikagiProperties.Mode mode, Path dataDir,
                                SecretGenerator generator) {
        if (keys.isEmpty() && mode != AikagiProperties.Mode.PRODUCTION) {
            return development(dataDir, generator);
        }
        return configured(keys);
    }

    /** The keys from configuration, checked: production's only source of keys. */
    public static KeyRings configured(AikagiProperties.Keys keys) {
        if (keys.isEmpty()) {
            throw new InvalidConfigurationException(
                    "aikagi.keys: production mode needs aikagi.keys.pepper.<id> and aikagi.keys.encryption.<id> (Base64 of 32 random bytes each), and none are set",
                    "Generate each key with 'openssl rand -base64 32' and set AIKAGI_KEYS_PEPPER_K1, AIKAGI_KEYS_PEPPERCURRENT=k1, AIKAGI_KEYS_ENCRYPTION_K1 and AIKAGI_KEYS_ENCRYPTIONCURRENT=k1.");
        }
        return new KeyRings(ring("pepper", keys.pepperCurrent(), keys.pepper()),
                ring("encryption", keys.encryptionCurrent(), keys.encryption()));
    }

    private static KeyRing ring(String name, String current, Map<String, String> encoded) {
        String property = "aikagi.keys." + name;
        if (encoded.isEmpty()) {
            throw new InvalidConfigurationException(property + ": no key is set",
                    "Set " + property + ".<id> to Base64 of 32 random bytes ('openssl rand -base64 32').");
        }
        String currentId = current;
        if (currentId == null || currentId.isBlank()) {
            if (encoded.size() > 1) {
                throw new InvalidConfigurationException("aikagi.keys." + name + "-current: several keys are set but none is named current",
                        "Set aikagi.keys." + name + "-current to the id of the key new secrets should use.");
            }
            currentId = encoded.keySet().iterator().next();
        }
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : encoded.entrySet()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(e.getValue().strip());
            } catch (IllegalArgumentException notBase64) {
                throw new InvalidConfigurationException(property + "." + e.getKey() + ": is not Base64",
                        "Set it to the output of 'openssl rand -base64 32'.");
            }
            if (key.length != KEY_LENGTH) {
                throw new InvalidConfigurationException(property + "." + e.getKey() + ": must be 32 bytes, is "
                        + key.length + " bytes", "Set it to the output of 'openssl rand -base64 32'.");
            }
            decoded.put(e.getKey(), key);
        }
        try {
            return new KeyRing(currentId, decoded, KEY_LENGTH);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidConfigurationException(property + ": " + invalid.getMessage(),
                    "Check the key ids and aikagi.keys." + name + "-current.");
        }
    }

    private static KeyRings development(Path dataDir, SecretGenerator generator) {
        Path file = dataDir.resolve(DEV_FILE);
        Properties props = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    props.load(in);
                }
            } else {
                Files.createDirectories(dataDir);
                props.setProperty("pepper.dev1", Base64.getEncoder().encodeToString(generator.bytes(KEY_LENGTH)));
                props.setProperty("encryption.dev1", Base64.getEncoder().encodeToString(generator.bytes(KEY_LENGTH)));
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data folder's own permissions apply.
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    props.store(out, "Aikagi development keys. Never use these in production.");
                }
                log.info("Generated development keys in {} (development mode only; production needs configured keys)", file.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
        Map<String, String> pepper = new LinkedHashMap<>();
        Map<String, String> encryption = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> {
            if (name.startsWith("pepper.")) {
                pepper.put(name.substring(7), props.getProperty(name));
            } else if (name.startsWith("encryption.")) {
                encryption.put(name.substring(11), props.getProperty(name));
            }
        });
        return new KeyRings(ring("pepper", null, pepper), ring("encryption", null, encryption));
    }
}
