package dev.aikagi.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.factor.password.BoundedHashWorkers;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.server.RunningServer;
import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.PageClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, hashing as a bounded resource: with its one hash worker held and no queue, every step that hashes
 * answers 503 {@code service_busy} with {@code Retry-After} (the API) or the busy page in the reader's language
 * (pages) — never a 401 or a 500 — while the cheap steps (a TOTP code, an API read, a page) still answer at once.
 */
class HashWorkersBusyTest {

    private static final String PASSWORD = "ゆきだるまの朝ごはん";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void hashingStepsWhenHashWorkersFullThen503BusyWhileCheapStepsAnswer() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--aikagi.password.hash-workers=1",
                "--aikagi.password.hash-queue=0")) {
            int port = server.port();
            assertThat(post(port, "/api/v1/accounts", credentials("busy-taro"), null).statusCode()).isEqualTo(201);
            String token = text(post(port, "/api/v1/login", credentials("busy-taro"), null), "sessionToken");
            HttpResponse<String> started = post(port, "/api/v1/me/totp", "{}", token);
            byte[] key = Base32.decode(text(started, "secret")).orElseThrow();
            assertThat(post(port, "/api/v1/me/totp/confirm", "{\"code\":\"" + code(key, 0) + "\"}", token).statusCode())
                    .isEqualTo(200);
            String flowId = text(post(port, "/api/v1/login", credentials("busy-taro"), null), "flowId");
            PageClient japanese = new PageClient(port, "198.51.100.81").acceptLanguage("ja");
            PageClient english = new PageClient(port, "198.51.100.82").acceptLanguage("en");
            assertThat(japanese.get("/login").status()).isEqualTo(200);
            assertThat(english.get("/login").status()).isEqualTo(200);

            BoundedHashWorkers workers = server.bean(BoundedHashWorkers.class);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = Thread.ofVirtual().start(() -> workers.run(() -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            holding.await();
            try {
                assertBusyProblem(post(port, "/api/v1/login", credentials("busy-taro"), null));
                // An unknown account costs the same (dummy) hash, so it is refused the same way.
                assertBusyProblem(post(port, "/api/v1/login", credentials("nobody-here"), null));
                assertBusyProblem(post(port, "/api/v1/accounts", credentials("busy-jiro"), null));
                assertBusyProblem(post(port, "/api/v1/me/reauthenticate", "{\"password\":\"" + PASSWORD + "\"}", token));
                assertBusyProblem(post(port, "/api/v1/me/password",
                        "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a different long passphrase 8\"}", token));

                PageClient.Page ja = japanese.post("/login", "username", "busy-taro", "password", PASSWORD);
                assertThat(ja.status()).isEqualTo(503);
                assertThat(ja.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(ja.text("form-error")).isEqualTo(
                        "ただいまサインインが集中しているため、パスワードを確認できませんでした。少し待ってからもう一度お試しください。");
                assertThat(ja.body()).contains("<html lang=\"ja\"").doesNotContain("Exception");
                PageClient.Page en = english.post("/login", "username", "busy-taro", "password", PASSWORD);
                assertThat(en.status()).isEqualTo(503);
                assertThat(en.text("form-error")).isEqualTo("Many people are signing in right now, so your password"
                        + " could not be checked. Please wait a moment and try again.");

                // The cheap steps do not wait for the held worker.
                assertThat(english.get("/login").status()).isEqualTo(200);
                assertThat(get(port, "/api/v1/me", token).statusCode()).isEqualTo(200);
                HttpResponse<String> verified = post(port, "/api/v1/login/" + flowId + "/verify",
                        "{\"method\":\"totp\",\"code\":\"" + code(key, 30) + "\"}", null);
                assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
                assertThat(text(verified, "status")).isEqualTo("AUTHENTICATED");
            } finally {
                release.countDown();
                holder.join();
            }
            assertThat(text(post(port, "/api/v1/login", credentials("busy-taro"), null), "status"))
                    .isEqualTo("SECOND_FACTOR_REQUIRED");
        }
    }

    private static void assertBusyProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).contains("\"status\":503").contains("\"code\":\"service_busy\"")
                .doesNotContain("Exception");
    }

    /** The code for the step {@code aheadSeconds} from now: 30 s ahead never repeats the step confirmed before. */
    private static String code(byte[] key, int aheadSeconds) {
        return Authenticator.codeAt(key, Instant.now().plusSeconds(aheadSeconds));
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String text(HttpResponse<String> response, String field) {
        assertThat(response.body()).as("%s in %s", field, response.body()).contains("\"" + field + "\":\"");
        return response.body().replaceAll(".*\"" + field + "\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> post(int port, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
