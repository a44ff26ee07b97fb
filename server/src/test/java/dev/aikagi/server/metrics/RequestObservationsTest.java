package dev.aikagi.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: every request is timed once ({@code http_server_requests}, what dashboards and alert rules read), and
 * Spring Security's own steps are not observed: their observation wrapped each filter of each request in a "before"
 * and an "after" event, 6.5 % of the request threads' CPU of a login.
 */
class RequestObservationsTest {

    @TempDir
    Path dataDir;

    @Test
    void scrapeWhenPagesAndApiServedThenRequestTimersAndNoSpringSecurityObservations() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            assertThat(server.get("/login").statusCode()).isEqualTo(200);
            assertThat(server.get("/settings").statusCode()).isEqualTo(302);
            assertThat(server.get("/api/v1/me").statusCode()).isEqualTo(401);

            HttpResponse<String> scrape = server.get("/actuator/prometheus");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\""
                            + "[^}]*uri=\"/login\"[^}]*} 1")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"302\"[^}]*}")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*}")
                    .doesNotContain("spring_security_filterchains")
                    .doesNotContain("spring_security_http_secured_requests")
                    .doesNotContain("spring_security_authorizations")
                    .doesNotContain("spring_security_authentications");
        }
    }
}
