package dev.aikagi.server.admin;

import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.jdbc.JdbcSealedSecrets;
import dev.aikagi.server.properties.KeyRings;
import dev.aikagi.server.properties.Resealable;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code java -jar aikagi-server.jar --aikagi.command=reencrypt}: re-seals every secret under the current
 * encryption key ({@link Reencryption}) and exits, 0 when everything is under it, 1 when some values could
 * not be opened. Runs beside the nodes ({@link CommandEnvironment}: no public port), with the same configuration as
 * the nodes, which may keep serving meanwhile.
 */
public final class ReencryptCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String PROPERTY = "aikagi.command";
    private static final Logger log = LoggerFactory.getLogger(ReencryptCommand.class);

    private final Reencryption reencryption;
    private final Resealable signingKeys;
    private volatile Reencryption.Summary summary;
    private volatile Resealable.Resealed signingKeysResealed;

    ReencryptCommand(Reencryption reencryption, Resealable signingKeys) {
        this.reencryption = Objects.requireNonNull(reencryption, "reencryption");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
    }

    @Override
    public void run(ApplicationArguments args) {
        summary = reencryption.run();
        // The token signing keys of the OpenID Connect provider are sealed too.
        signingKeysResealed = signingKeys.resealUnderCurrentKey();
        log.info(summary.line());
        log.info("Re-encryption: {} token signing keys re-sealed, {} could not be opened",
                signingKeysResealed.resealed(), signingKeysResealed.unreadable());
    }

    /** The summary line of the run; empty before it. */
    public String summaryLine() {
        return summary == null ? "" : summary.line();
    }

    Reencryption.Summary summary() {
        return summary;
    }

    Resealable.Resealed signingKeysResealed() {
        return signingKeysResealed;
    }

    @Override
    public int getExitCode() {
        return summary == null || summary.totalUnreadable() > 0
                || (signingKeysResealed != null && signingKeysResealed.unreadable() > 0) ? 1 : 0;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PROPERTY, havingValue = "reencrypt")
    static class Wiring {
        // The command's name is checked (and put in its plain form) by CommandEnvironment.
        @Bean
        ReencryptCommand reencryptCommand(DataSource dataSource, SecretCipher cipher, KeyRings keys,
                                          Resealable signingKeys) {
            return new ReencryptCommand(new Reencryption(new JdbcSealedSecrets(dataSource), cipher,
                    keys.encryption().currentId()), signingKeys);
        }
    }
}
