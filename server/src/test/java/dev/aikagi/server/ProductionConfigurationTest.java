package dev.aikagi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.server.config.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionConfigurationTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataDir;

    @Test
    void startWhenProductionWithoutKeysThenStopsNamingTheProperty() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production"),
                "aikagi.keys: production mode needs");
        assertThat(dataDir.resolve("keys.properties")).doesNotExist();
    }

    @Test
    void startWhenKeyHasWrongLengthThenStopsNamingTheKey() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + Base64.getEncoder().encodeToString(new byte[12]),
                        "--aikagi.keys.encryption.k1=" + KEY),
                "aikagi.keys.pepper.k1: must be 32 bytes, is 12 bytes");
    }

    @Test
    void startWhenKeyIsNotBase64ThenStopsNamingTheKey() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=not*base64"),
                "aikagi.keys.encryption.k1: is not Base64");
    }

    @Test
    void startWhenCurrentKeyIdUnknownThenStops() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.pepper-current=k9",
                        "--aikagi.keys.encryption.k1=" + KEY),
                "current key id 'k9' is not among the keys");
    }

    @Test
    void startWhenBackupSetSizeOutOfRangeThenStops() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.backup-codes.set-size=3"),
                "aikagi.backup-codes.set-size: backup code set size must be 4-16, was 3");
    }

    @Test
    void startWhenTimeZoneUnknownThenStops() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.time-zone=Mars/Olympus"),
                "aikagi.time-zone: 'Mars/Olympus' is not a time zone id");
    }

    @Test
    void startWhenProductionWithValidKeysThenUp() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--aikagi.mode=production",
                "--aikagi.public-url=https://login.example.test",
                "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=" + KEY,
                "--aikagi.delivery.sms=webhook", "--aikagi.delivery.email=webhook",
                "--aikagi.delivery.webhook.url=https://hooks.example.test/aikagi",
                "--aikagi.delivery.webhook.secret=" + "s".repeat(40))) {
            assertThat(server.get("/actuator/health").body()).contains("\"status\":\"UP\"");
            assertThat(dataDir.resolve("keys.properties")).doesNotExist();
        }
    }

    @Test
    void startWhenProductionWithTheDevelopmentOutboxThenRefusedWithOneLinePerChannel() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=" + KEY),
                "aikagi.delivery.sms: outbox is for development only");
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=" + KEY,
                        "--aikagi.delivery.sms=webhook", "--aikagi.delivery.webhook.url=https://hooks.example.test/a",
                        "--aikagi.delivery.webhook.secret=" + "s".repeat(40)),
                "aikagi.delivery.email: outbox is for development only");
    }

    private static void assertStartFails(ThrowableAssert.ThrowingCallable start, String message) {
        assertThatThrownBy(start)
                .satisfies(e -> {
                    Throwable cause = e;
                    while (cause != null && !(cause instanceof InvalidConfigurationException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).as("an InvalidConfigurationException in the cause chain of %s", e).isNotNull();
                    assertThat(cause.getMessage()).contains(message);
                });
    }
}
