package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import dev.aikagi.testkit.ApiClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every API endpoint answers bad input with a 4xx problem — never a 500, never a stack trace. */
class ApiBadInputTest {

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static ApiClient api;
    static String token;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir);
        api = new ApiClient(server.port());
        api.post("/api/v1/accounts", Map.of("username", "bad-input", "password", "a long good password"), null);
        token = api.post("/api/v1/login", Map.of("username", "bad-input", "password", "a long good password"), null)
                .text("sessionToken");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static final List<String> ENDPOINTS = List.of(
            "/api/v1/accounts", "/api/v1/login", "/api/v1/login/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/verify",
            "/api/v1/login/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/method", "/api/v1/me/totp/confirm",
            "/api/v1/me/backup-codes", "/api/v1/me/backup-codes/reveal", "/api/v1/me/reauthenticate",
            "/api/v1/me/two-step/disable", "/api/v1/login/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/send-code",
            "/api/v1/me/phone", "/api/v1/me/phone/confirm", "/api/v1/me/email", "/api/v1/me/email/confirm",
            "/api/v1/me/two-step/remove-method", "/api/v1/me/password", "/api/v1/recovery/cancel",
            "/api/v1/recovery/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/send-code",
            "/api/v1/recovery/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/verify",
            "/api/v1/recovery/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/complete");

    static final List<String> BODIES = List.of(
            "", "{", "[]", "null", "\"text\"", "42", "{}",
            "{\"username\":123,\"password\":true,\"code\":[],\"method\":{}}",
            "{\"username\":null,\"password\":null,\"code\":null,\"method\":null}",
            "{\"username\":\"" + "x".repeat(10_000) + "\",\"password\":\"" + "y".repeat(10_000) + "\",\"code\":\""
                    + "1".repeat(10_000) + "\",\"method\":\"" + "z".repeat(10_000) + "\"}",
            "{\"username\":\"a\\u0000b\\u0007\",\"password\":\"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\",\"code\":\"\\u0000\",\"method\":\"totp\\u0000\"}",
            "{\"username\":\"<script>alert(1)</script>\",\"password\":\"' OR '1'='1'; --\",\"code\":\"1234' OR 1=1 --\",\"method\":\"backup_code\"}",
            "{\"username\":\"robert'); DROP TABLE account;--\",\"password\":\"<img src=x onerror=alert(1)>\",\"code\":\"１２３４ ５６７８ ９\",\"method\":\"totp\"}",
            "{\"phoneNumber\":123,\"email\":[],\"code\":{},\"method\":\"sms\"}",
            "{\"phoneNumber\":\"+81 90 <script>\",\"email\":\"a@@b..c\",\"code\":\"12345\",\"method\":\"sms\"}",
            "{\"phoneNumber\":\"+" + "9".repeat(10_000) + "\",\"email\":\"" + "e".repeat(10_000) + "@example.com\"}");

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (String endpoint : ENDPOINTS) {
            for (int i = 0; i < BODIES.size(); i++) {
                cases.add(new Object[] {endpoint, i});
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} body #{1}")
    @MethodSource("cases")
    void postWhenBodyMalformedThenClientErrorProblemNeverServerError(String endpoint, int body) {
        ApiClient.Reply reply = api.post(endpoint, BODIES.get(body), token);

        assertThat(reply.status()).as("%s → %s", endpoint, reply.body()).isBetween(400, 499);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("code")).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at dev.aikagi").doesNotContain("at org.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMediaTypes")
    void postWhenNotJsonThenUnsupportedMediaTypeProblem(String contentType) {
        ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/api/v1/login"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b")).build());

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.text("code")).isEqualTo("unsupported_media_type");
    }

    static List<String> wrongMediaTypes() {
        return List.of("application/x-www-form-urlencoded", "text/plain", "application/xml");
    }

    @org.junit.jupiter.api.Test
    void requestWhenWrongMethodOrUnknownPathThenProblem() {
        ApiClient.Reply wrongMethod = api.get("/api/v1/login", null);
        ApiClient.Reply unknown = api.get("/api/v1/nothing-here", token);

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.text("code")).isEqualTo("method_not_allowed");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("not_found");
    }
}
