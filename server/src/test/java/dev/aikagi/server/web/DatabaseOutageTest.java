package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.server.RunningServer;
import dev.aikagi.server.TestPostgres;
import dev.aikagi.testkit.PageClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While PostgreSQL is down every request that needs it gets a 503 that says to try again shortly, never a
 * 500: the API a problem with {@code code: "service_unavailable"} and {@code Retry-After}, pages the page in
 * the reader's language. Readiness follows the database, liveness does not; all is well again once the
 * database is back.
 */
class DatabaseOutageTest {

    private static final String PASSWORD = "correct horse battery staple 7";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    @TempDir
    Path postgresDir;

    @Test
    void requestsWhenDatabaseDownThen503UntilItIsBack() throws Exception {
        try (TestPostgres postgres = TestPostgres.start(postgresDir);
             RunningServer server = RunningServer.start(dataDir, "--spring.datasource.url=" + postgres.jdbcUrl(),
                     "--spring.datasource.username=postgres",
                     // Fail fast so the test does not wait 3 s on every request.
                     "--spring.datasource.hikari.connection-timeout=1000",
                     "--spring.datasource.hikari.validation-timeout=500")) {
            int port = server.port();
            assertThat(post(port, "/api/v1/accounts", "{\"username\":\"outage\",\"password\":\"" + PASSWORD + "\"}", null)
                    .statusCode()).isEqualTo(201);
            HttpResponse<String> login = post(port, "/api/v1/login", loginBody(), null);
            assertThat(login.statusCode()).isEqualTo(200);
            String token = login.body().replaceAll(".*\"sessionToken\":\"([^\"]+)\".*", "$1");
            PageClient japanese = new PageClient(port, "198.51.100.71").acceptLanguage("ja");
            PageClient english = new PageClient(port, "198.51.100.72").acceptLanguage("en");
            assertThat(japanese.get("/login").status()).isEqualTo(200);
            assertThat(english.get("/login").status()).isEqualTo(200);

            postgres.stop();

            HttpResponse<String> apiLogin = post(port, "/api/v1/login", loginBody(), null);
            assertServiceUnavailableProblem(apiLogin);
            // The session lookup happens in a filter, before any controller.
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertServiceUnavailableProblem(me);

            PageClient.Page ja = japanese.post("/login", "username", "outage", "password", PASSWORD);
            assertThat(ja.status()).isEqualTo(503);
            assertThat(ja.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(ja.text("form-error")).isEqualTo("現在サービスを一時的に利用できません。数秒待ってからもう一度お試しください。");
            assertThat(ja.body()).contains("<html lang=\"ja\"").doesNotContain("Exception");
            PageClient.Page en = english.post("/login", "username", "outage", "password", PASSWORD);
            assertThat(en.status()).isEqualTo(503);
            assertThat(en.text("form-error"))
                    .isEqualTo("The service cannot be used for a moment. Please wait a few seconds and try again.");

            assertThat(get(port, "/readyz").statusCode()).isEqualTo(503);
            assertThat(get(port, "/livez").statusCode()).isEqualTo(200);

            postgres.restart();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(port, "/readyz").statusCode() == 200);
            assertThat(post(port, "/api/v1/login", loginBody(), null).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(uri(port, "/api/v1/me")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private static void assertServiceUnavailableProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("\"status\":503").contains("\"code\":\"service_unavailable\"")
                .doesNotContain("Exception").doesNotContain("SQL");
    }

    private static String loginBody() {
        return "{\"username\":\"outage\",\"password\":\"" + PASSWORD + "\"}";
    }

    private HttpResponse<String> post(int port, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
