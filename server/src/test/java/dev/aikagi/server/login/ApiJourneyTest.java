package dev.aikagi.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.server.testing.ApiTestSupport;
import dev.aikagi.testkit.ApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole backup-code journey through the JSON API, as a mobile app does it. */
public class ApiJourneyTest extends ApiTestSupport {

    private static String signUpAndLogin(String username) {
        ApiClient.Reply created = api.post("/api/v1/accounts", Map.of("username", username, "password", "ゆきだるまの朝ごはん"), null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("accountId")).matches("[0-9a-f-]{36}");
        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", username, "password", "ゆきだるまの朝ごはん"), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("status")).isEqualTo("AUTHENTICATED");
        return login.text("sessionToken");
    }

    private static String flowFor(String username) {
        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", username, "password", "ゆきだるまの朝ごはん"), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        return login.text("flowId");
    }

    private static List<String> enableTwoStep(String token) {
        ApiClient.Reply started = api.post("/api/v1/me/totp", "{}", token);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.text("otpauthUri")).startsWith("otpauth://totp/Aikagi:");
        byte[] key = Base32.decode(started.text("secret")).orElseThrow();
        ApiClient.Reply confirmed = api.post("/api/v1/me/totp/confirm",
                Map.of("code", Totp.codeAt(key, Instant.now(), TotpParameters.DEFAULT)), token);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("twoStepEnabled").asBoolean()).isTrue();
        List<String> codes = new ArrayList<>();
        confirmed.json().get("backupCodes").get("codes").forEach(c -> codes.add(c.asString()));
        return codes;
    }

    @Test
    void journeyWhenBackupCodeUsedThenRemainingShownReuseRefusedAndReplacedSetRecognised() {
        String token = signUpAndLogin("api-taro");
        List<String> codes = enableTwoStep(token);
        assertThat(codes).hasSize(10).allMatch(c -> c.matches("[0-9]{4} [0-9]{4}"));

        ApiClient.Reply second = api.post("/api/v1/login", Map.of("username", "api-taro", "password", "ゆきだるまの朝ごはん"), null);
        assertThat(second.json().get("methods").toString()).isEqualTo("[\"totp\",\"backup_code\"]");
        assertThat(second.text("defaultMethod")).isEqualTo("totp");
        String fullWidth = toFullWidth(codes.get(0));
        ApiClient.Reply verified = api.post("/api/v1/login/" + second.text("flowId") + "/verify",
                Map.of("method", "backup_code", "code", fullWidth), null);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("AUTHENTICATED");
        assertThat(verified.json().get("remainingBackupCodes").asInt()).isEqualTo(9);
        String newToken = verified.text("sessionToken");

        ApiClient.Reply reuse = api.post("/api/v1/login/" + flowFor("api-taro") + "/verify",
                Map.of("method", "backup_code", "code", codes.get(0)), null);
        assertProblem(reuse, 401, "code_already_used");

        ApiClient.Reply status = api.get("/api/v1/me/backup-codes", newToken);
        assertThat(status.json().get("remaining").asInt()).isEqualTo(9);
        assertThat(status.json().get("total").asInt()).isEqualTo(10);

        assertProblem(api.post("/api/v1/me/backup-codes", Map.of("password", "wrong password here"), newToken), 422, "password_wrong");
        ApiClient.Reply fresh = api.post("/api/v1/me/backup-codes", Map.of("password", "ゆきだるまの朝ごはん"), newToken);
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.json().get("codes").size()).isEqualTo(10);

        ApiClient.Reply replaced = api.post("/api/v1/login/" + flowFor("api-taro") + "/verify",
                Map.of("method", "backup_code", "code", codes.get(1)), null);
        assertProblem(replaced, 401, "code_from_replaced_set");

        ApiClient.Reply wrong = api.post("/api/v1/login/" + flowFor("api-taro") + "/verify",
                Map.of("method", "backup_code", "code", "0000 0001".equals(codes.get(2)) ? "0000 0002" : "0000 0001"), null);
        assertProblem(wrong, 401, "code_invalid");

        ApiClient.Reply activity = api.get("/api/v1/me/activity", newToken);
        assertThat(activity.body()).contains("backup_code_used").contains("backup_codes_created")
                .doesNotContain(codes.get(0).replace(" ", ""));
    }

    @Test
    void loginWhenUnknownUserOrWrongPasswordThenSameProblem() {
        signUpAndLogin("api-hanako");

        ApiClient.Reply unknown = api.post("/api/v1/login", Map.of("username", "api-nobody", "password", "whatever it is"), null);
        ApiClient.Reply wrong = api.post("/api/v1/login", Map.of("username", "api-hanako", "password", "whatever it is"), null);

        assertProblem(unknown, 401, "invalid_credentials");
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.status()).isEqualTo(unknown.status());
    }

    @Test
    void verifyWhenFlowUnknownOrMethodUnknownThenProblem() {
        assertProblem(api.post("/api/v1/login/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/verify",
                Map.of("method", "totp", "code", "123456"), null), 410, "flow_expired");
        assertProblem(api.post("/api/v1/login/not-a-uuid/verify", Map.of("method", "totp", "code", "123456"), null),
                400, "malformed_request");
        assertProblem(api.post("/api/v1/login/7b0b5d3c-8f53-4f3c-9d4e-1f2a3b4c5d6e/verify",
                Map.of("method", "carrier-pigeon", "code", "123456"), null), 400, "unknown_method");
    }

    @Test
    void meWhenNoOrBadTokenThenUnauthorizedProblem() {
        assertProblem(api.get("/api/v1/me", null), 401, "unauthenticated");
        assertProblem(api.get("/api/v1/me", "A".repeat(43)), 401, "unauthenticated");
        assertProblem(api.post("/api/v1/me/backup-codes", Map.of("password", "x"), "garbage"), 401, "unauthenticated");
    }

    @Test
    void meWhenSignedInThenAccountAndAssurance() {
        String token = signUpAndLogin("api-jiro");

        JsonNode me = api.get("/api/v1/me", token).json();

        assertThat(me.get("username").asString()).isEqualTo("api-jiro");
        assertThat(me.get("assurance").asString()).isEqualTo("AAL1");
        assertThat(me.get("twoStep").get("enabled").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/logout", "{}", token).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/me", token), 401, "unauthenticated");
        var account = dev.aikagi.core.account.AccountId.parse(me.get("accountId").asString());
        assertThat(server.bean(dev.aikagi.core.audit.AuditLog.class).recent(account, 10))
                .extracting(e -> e.type()).contains(dev.aikagi.core.audit.AuditType.LOGOUT);
    }

    @Test
    void signUpWhenProblemsThenStableCodes() {
        signUpAndLogin("api-saburo");

        assertProblem(api.post("/api/v1/accounts", Map.of("username", "api-saburo", "password", "a fine long password"), null), 409, "username_taken");
        assertProblem(api.post("/api/v1/accounts", Map.of("username", "api-x1", "password", "short"), null), 400, "password_too_short");
        assertProblem(api.post("/api/v1/accounts", Map.of("username", "api-x2", "password", "password123"), null), 400, "password_common");
        assertProblem(api.post("/api/v1/accounts", Map.of("username", "<script>", "password", "a fine long password"), null), 400, "username_invalid");
    }

    @Test
    void openApiWhenFetchedThenDocumentsTheApi() {
        ApiClient.Reply doc = api.get("/v3/api-docs", null);

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("paths").has("/api/v1/login/{flowId}/verify")).isTrue();
        assertThat(doc.json().get("paths").has("/api/v1/me/backup-codes")).isTrue();
        assertThat(doc.body()).doesNotContain("/settings");
    }

    public static void assertProblem(ApiClient.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("code")).isEqualTo(code);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at dev.aikagi");
    }

    private static String toFullWidth(String code) {
        StringBuilder out = new StringBuilder();
        for (char c : code.toCharArray()) {
            out.append(c == ' ' ? '\u3000' : (char) (c - '0' + '０'));
        }
        return out.toString();
    }
}
