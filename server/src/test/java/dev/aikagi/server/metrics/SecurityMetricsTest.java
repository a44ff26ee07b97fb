package dev.aikagi.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators scrape security events from /actuator/prometheus; no username, address or secret in it. */
class SecurityMetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void loginsByOutcomeAndMethodAreCountedWithoutPersonalData() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            post(server, "/api/v1/accounts", "{\"username\":\"metrics_user\",\"password\":\"a long private passphrase\"}");
            post(server, "/api/v1/login", "{\"username\":\"metrics_user\",\"password\":\"a long private passphrase\"}");
            post(server, "/api/v1/login", "{\"username\":\"metrics_user\",\"password\":\"wrong passphrase here\"}");
            post(server, "/api/v1/login", "{\"username\":\"metrics_user\",\"password\":\"wrong passphrase again\"}");

            HttpResponse<String> scrape = server.get("/actuator/prometheus");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .containsPattern("aikagi_logins_total\\{[^}]*method=\"pwd\"[^}]*outcome=\"success\"[^}]*} 1\\.0")
                    .containsPattern("aikagi_logins_total\\{[^}]*method=\"pwd\"[^}]*outcome=\"password_failed\"[^}]*} 2\\.0")
                    .doesNotContain("metrics_user").doesNotContain("passphrase").doesNotContain("127.0.0.1");
        }
    }

    private static void post(RunningServer server, String path, String json) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
