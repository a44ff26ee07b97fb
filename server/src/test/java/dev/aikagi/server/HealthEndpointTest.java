package dev.aikagi.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthEndpointTest {

    @TempDir
    Path dataDir;

    @Test
    void healthWhenStartedInDevelopmentModeThenUpWithDatabase() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            HttpResponse<String> health = server.get("/actuator/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
            assertThat(dataDir.resolve("aikagi.mv.db")).exists();
        }
    }

    @Test
    void startWhenNoKeysConfiguredInDevelopmentThenKeysGeneratedOwnerOnlyAndReusedOnRestart() throws Exception {
        String first;
        try (RunningServer server = RunningServer.start(dataDir)) {
            first = Files.readString(dataDir.resolve("keys.properties"));
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("keys.properties")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (RunningServer again = RunningServer.start(dataDir)) {
            assertThat(Files.readString(dataDir.resolve("keys.properties"))).isEqualTo(first);
            assertThat(again.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorWhenUnknownPathThenNoStackTrace() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            HttpResponse<String> missing = server.get("/no/such/page");

            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).doesNotContain("Exception").doesNotContain("at dev.aikagi");
        }
    }
}
