package dev.aikagi.server.login;

import static dev.aikagi.server.login.ApiJourneyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.ApiJourneys;
import dev.aikagi.server.testing.ApiTestSupport;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Authenticator;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 through the JSON API: {@code "rememberDevice": true} on {@code /verify} trusts the {@code Aikagi-Device}
 * value, a later {@code POST /login} with it answers AUTHENTICATED at once (amr pwd, swk; AAL2), and
 * {@code /api/v1/me/devices} lists and removes. Each account's login uses the code of the next time step, which
 * the server accepts (its codes work once per step and enrolling used the current one).
 */
class ApiTrustedDevicesTest extends ApiTestSupport {

    private static final String PASSWORD = ApiJourneys.PASSWORD;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An account with the app on: its key, and its first backup codes. */
    private record Enrolled(String secret, List<String> backupCodes) {
    }

    private static Enrolled enrol(String username) {
        String token = ApiJourneys.signUpAndLogIn(api, username);
        String secret = ApiJourneys.startTotp(api, token);
        ApiClient.Reply confirmed = api.post("/api/v1/me/totp/confirm",
                Map.of("code", Authenticator.codeAt(secret, Instant.now())), token);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        return new Enrolled(secret, ApiClient.strings(confirmed.json().path("backupCodes").path("codes")));
    }

    private static String deviceValue(String name) {
        return (name + "-app-7f3a9c2e51d04b86a1c9d2").substring(0, 32);
    }

    private static String flow(String username, String device) {
        ApiClient.Reply login = post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null, device);
        assertThat(login.text("status")).as(login.body()).isEqualTo("SECOND_FACTOR_REQUIRED");
        return login.text("flowId");
    }

    /** A full login with the app's code of the next step, asking to remember {@code device}. */
    private static ApiClient.Reply rememberedLogin(String username, Enrolled enrolled, String device) {
        return post("/api/v1/login/" + flow(username, device) + "/verify", Map.of("method", "totp",
                "code", Authenticator.codeAt(enrolled.secret(), Instant.now().plusSeconds(30)), "rememberDevice", true),
                null, device);
    }

    @Test
    void loginWhenDeviceRememberedThenAuthenticatedAtOnceWithSwkAtAal2() {
        Enrolled enrolled = enrol("trust-api-one");
        String device = deviceValue("trust-api-one");
        ApiClient.Reply remembered = rememberedLogin("trust-api-one", enrolled, device);
        assertThat(remembered.text("status")).as(remembered.body()).isEqualTo("AUTHENTICATED");
        assertThat(remembered.json().get("deviceRemembered").asBoolean()).isTrue();

        ApiClient.Reply login = post("/api/v1/login", Map.of("username", "trust-api-one", "password", PASSWORD), null,
                device);

        assertThat(login.text("status")).as(login.body()).isEqualTo("AUTHENTICATED");
        assertThat(login.json().get("amr").toString()).isEqualTo("[\"pwd\",\"swk\"]");
        String token = login.text("sessionToken");
        assertThat(api.get("/api/v1/me", token).text("assurance")).isEqualTo("AAL2");
        assertThat(api.get("/api/v1/me/activity", token).body()).contains("login_trusted_device", "trusted_device_added");
        // The password is still asked for.
        assertProblem(post("/api/v1/login", Map.of("username", "trust-api-one", "password", "not the password"), null,
                device), 401, "invalid_credentials");
        // Without the value, or with another, the second step is asked for.
        assertThat(post("/api/v1/login", Map.of("username", "trust-api-one", "password", PASSWORD), null,
                deviceValue("someone-else")).text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
    }

    @Test
    void loginWhenAnotherAccountWithTheSameDeviceValueThenSecondStepAsked() {
        Enrolled enrolled = enrol("trust-api-two");
        enrol("trust-api-two-b");
        String device = deviceValue("trust-api-two");
        assertThat(rememberedLogin("trust-api-two", enrolled, device).text("status")).isEqualTo("AUTHENTICATED");

        ApiClient.Reply other = post("/api/v1/login", Map.of("username", "trust-api-two-b", "password", PASSWORD), null,
                device);

        assertThat(other.text("status")).as(other.body()).isEqualTo("SECOND_FACTOR_REQUIRED");
    }

    @Test
    void verifyWhenBackupCodeThenNotRemembered() {
        Enrolled enrolled = enrol("trust-api-three");
        String device = deviceValue("trust-api-three");

        ApiClient.Reply verified = post("/api/v1/login/" + flow("trust-api-three", device) + "/verify",
                Map.of("method", "backup_code", "code", enrolled.backupCodes().getFirst(), "rememberDevice", true),
                null, device);

        assertThat(verified.text("status")).as(verified.body()).isEqualTo("AUTHENTICATED");
        assertThat(verified.json().get("deviceRemembered").asBoolean()).isFalse();
        assertThat(flow("trust-api-three", device)).isNotBlank();
        assertThat(api.get("/api/v1/me/devices", verified.text("sessionToken")).json().size()).isZero();
    }

    @Test
    void verifyWhenDeviceValueTooShortOrMissingThenRefusedAndCodeNotSpent() {
        Enrolled enrolled = enrol("trust-api-four");
        String shortValue = "my-phone";
        String flowId = flow("trust-api-four", shortValue);
        String code = Authenticator.codeAt(enrolled.secret(), Instant.now().plusSeconds(30));

        assertProblem(post("/api/v1/login/" + flowId + "/verify",
                Map.of("method", "totp", "code", code, "rememberDevice", true), null, shortValue), 400,
                "device_value_too_short");
        assertProblem(post("/api/v1/login/" + flowId + "/verify",
                Map.of("method", "totp", "code", code, "rememberDevice", true), null, null), 400,
                "device_value_too_short");

        ApiClient.Reply verified = post("/api/v1/login/" + flowId + "/verify", Map.of("method", "totp", "code", code),
                null, shortValue);
        assertThat(verified.text("status")).as("the code was not spent: " + verified.body()).isEqualTo("AUTHENTICATED");
    }

    @Test
    void loginWhenTrustExpiredThenSecondStepAsked() {
        Enrolled enrolled = enrol("trust-api-five");
        String device = deviceValue("trust-api-five");
        String token = rememberedLogin("trust-api-five", enrolled, device).text("sessionToken");
        String id = api.get("/api/v1/me/devices", token).json().get(0).get("id").asString();

        server.bean(JdbcTemplate.class).update("update trusted_device set expires_at = created_at where id = ?",
                java.util.UUID.fromString(id));

        assertThat(post("/api/v1/login", Map.of("username", "trust-api-five", "password", PASSWORD), null, device)
                .text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        assertThat(api.get("/api/v1/me/devices", token).json().size()).as("an expired trust is not listed").isZero();
    }

    @Test
    void devicesWhenListedAndRemovedThenHandleNotSecretAndTrustEnds() {
        Enrolled enrolled = enrol("trust-api-six");
        String device = deviceValue("trust-api-six");
        String token = rememberedLogin("trust-api-six", enrolled, device).text("sessionToken");

        ApiClient.Reply list = api.get("/api/v1/me/devices", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(device);
        assertThat(list.json().get(0).get("kind").asString()).isEqualTo("app");
        assertThat(list.json().get(0).get("lastNetwork").asString()).endsWith("/24");
        String id = list.json().get(0).get("id").asString();

        assertThat(delete("/api/v1/me/devices/" + id, token).status()).isEqualTo(204);
        assertProblem(delete("/api/v1/me/devices/" + id, token), 404, "device_not_found");
        assertProblem(delete("/api/v1/me/devices/not-a-handle", token), 404, "device_not_found");
        assertProblem(delete("/api/v1/me/devices/" + id, null), 401, "unauthenticated");
        assertThat(post("/api/v1/login", Map.of("username", "trust-api-six", "password", PASSWORD), null, device)
                .text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
    }

    @Test
    void devicesWhenRemoveAllThenCountAndEveryTrustEnds() {
        Enrolled enrolled = enrol("trust-api-seven");
        String device = deviceValue("trust-api-seven");
        String token = rememberedLogin("trust-api-seven", enrolled, device).text("sessionToken");

        ApiClient.Reply removed = delete("/api/v1/me/devices", token);

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("removed").asInt()).isEqualTo(1);
        assertThat(post("/api/v1/login", Map.of("username", "trust-api-seven", "password", PASSWORD), null, device)
                .text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
    }

    @Test
    void changePasswordWhenDoneThenTrustEnds() {
        Enrolled enrolled = enrol("trust-api-eight");
        String device = deviceValue("trust-api-eight");
        rememberedLogin("trust-api-eight", enrolled, device);
        String token = post("/api/v1/login", Map.of("username", "trust-api-eight", "password", PASSWORD), null, device)
                .text("sessionToken");

        ApiClient.Reply changed = api.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"), token);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(post("/api/v1/login", Map.of("username", "trust-api-eight", "password", "a brand new passphrase"),
                null, device).text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
    }

    @Test
    void disableTwoStepWhenDoneThenTrustEnds() {
        Enrolled enrolled = enrol("trust-api-nine");
        String device = deviceValue("trust-api-nine");
        String token = rememberedLogin("trust-api-nine", enrolled, device).text("sessionToken");

        ApiClient.Reply disabled = api.post("/api/v1/me/two-step/disable", Map.of("password", PASSWORD,
                "method", "backup_code", "code", enrolled.backupCodes().getFirst()), token);

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/me/devices", token).json().size()).isZero();
    }

    @Test
    void apiDocsWhenReadThenDevicesPathsRememberFieldAndProblemDocumented() {
        ApiClient.Reply doc = api.get("/v3/api-docs", null);

        assertThat(doc.json().get("paths").has("/api/v1/me/devices")).isTrue();
        assertThat(doc.json().get("paths").has("/api/v1/me/devices/{id}")).isTrue();
        assertThat(doc.body()).contains("rememberDevice", "deviceRemembered", "device_value_too_short",
                "device_not_found");
    }

    private static ApiClient.Reply post(String path, Object body, String token, String device) {
        HttpRequest.Builder request = api.request(path, token, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (device != null) {
            request.header("Aikagi-Device", device);
        }
        return ApiClient.send(request.build());
    }

    private static ApiClient.Reply delete(String path, String token) {
        return ApiClient.send(api.request(path, token, null).DELETE().build());
    }
}
