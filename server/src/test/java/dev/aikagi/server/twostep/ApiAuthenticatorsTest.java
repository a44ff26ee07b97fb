package dev.aikagi.server.twostep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.server.testing.ApiJourneys;
import dev.aikagi.server.testing.ApiTestSupport;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Authenticator;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, several authenticators, through the JSON API: a second named app, either app at login, the list,
 * removing one with the password (and its refusals), the cap of five, and turning two-step verification off with
 * an SMS code.
 */
class ApiAuthenticatorsTest extends ApiTestSupport {

    private static final String PASSWORD = ApiJourneys.PASSWORD;

    private static ApiClient.Reply delete(String path, String json, String token) {
        HttpRequest.Builder request = api.request(path, token, null);
        if (json == null) {
            return ApiClient.send(request.DELETE().build());
        }
        return ApiClient.send(request.header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.text("code")).as(reply.body()).isEqualTo(code);
    }

    /** Adds an app called {@code name} (sent with the start) to the session's account: its key. */
    private static String addApp(String token, String name) {
        ApiClient.Reply started = api.post("/api/v1/me/totp", Map.of("name", name), token);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String secret = started.text("secret");
        ApiClient.Reply confirmed = api.post("/api/v1/me/totp/confirm",
                Map.of("code", Authenticator.codeAt(secret, Instant.now())), token);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().has("backupCodes")).as("codes only the first time").isFalse();
        return secret;
    }

    private static JsonNode list(String token) {
        ApiClient.Reply listed = api.get("/api/v1/me/authenticators", token);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json().get("authenticators");
    }

    /** Logs in with the password and a code of {@code secret} for the next step (the current one may be spent). */
    private static ApiClient.Reply logInWith(String username, String secret) {
        String flowId = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null)
                .text("flowId");
        return api.post("/api/v1/login/" + flowId + "/verify",
                Map.of("method", "totp", "code", Authenticator.codeAt(secret, Instant.now().plusSeconds(30))), null);
    }

    @Test
    void aSecondNamedAppWorksAtLoginAndTheFirstIsRemovedWithThePassword() {
        String token = ApiJourneys.signUpAndLogIn(api, "authn-api-two");
        String email = "authn-api-two@example.jp";
        assertThat(api.post("/api/v1/me/email", Map.of("email", email), token).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/email/confirm", Map.of("code", outbox.latestCode(email)), token).status())
                .isEqualTo(200);
        String firstSecret = ApiJourneys.startTotp(api, token);
        ApiClient.Reply on = api.post("/api/v1/me/totp/confirm",
                Map.of("code", Authenticator.codeAt(firstSecret, Instant.now())), token);
        assertThat(on.json().get("backupCodes").get("codes")).hasSize(10);
        ApiClient.Reply startedSecond = api.post("/api/v1/me/totp", Map.of("name", "old name"), token);
        String secondSecret = startedSecond.text("secret");
        ApiClient.Reply confirmedSecond = api.post("/api/v1/me/totp/confirm", Map.of("code",
                Authenticator.codeAt(secondSecret, Instant.now()), "name", " 仕事用スマホ "), token);
        assertThat(confirmedSecond.status()).as(confirmedSecond.body()).isEqualTo(200);

        JsonNode apps = list(token);
        assertThat(apps).hasSize(2);
        assertThat(apps.get(0).get("name").asString()).isEmpty();
        assertThat(apps.get(1).get("name").asString()).isEqualTo("仕事用スマホ");
        assertThat(apps.get(1).get("createdAt").asString()).isNotBlank();
        assertThat(apps.get(1).get("lastUsedAt").isNull()).isTrue();
        assertThat(apps.toString()).doesNotContain(firstSecret).doesNotContain(secondSecret);

        ApiClient.Reply in = logInWith("authn-api-two", secondSecret);
        assertThat(in.text("status")).as(in.body()).isEqualTo("AUTHENTICATED");
        assertThat(list(token).get(1).get("lastUsedAt").asString()).isNotBlank();
        assertThat(logInWith("authn-api-two", firstSecret).text("status")).isEqualTo("AUTHENTICATED");

        String firstId = apps.get(0).get("id").asString();
        assertProblem(delete("/api/v1/me/authenticators/" + firstId, null, token), 400, "missing_field");
        assertProblem(delete("/api/v1/me/authenticators/" + firstId, "{\"password\":\"not the password\"}", token),
                422, "password_wrong");
        assertProblem(delete("/api/v1/me/authenticators/not-a-uuid", "{\"password\":\"" + PASSWORD + "\"}", token),
                404, "authenticator_not_found");
        assertProblem(delete("/api/v1/me/authenticators/" + UUID.randomUUID(), "{\"password\":\"" + PASSWORD + "\"}",
                token), 404, "authenticator_not_found");
        assertProblem(delete("/api/v1/me/authenticators/" + firstId, "{\"password\":\"" + PASSWORD + "\"}", null),
                401, "unauthenticated");
        ApiClient.Reply removed = delete("/api/v1/me/authenticators/" + firstId, "{\"password\":\"" + PASSWORD + "\"}",
                token);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("enabled").asBoolean()).isTrue();

        assertThat(list(token)).singleElement().satisfies(a -> assertThat(a.get("name").asString()).isEqualTo("仕事用スマホ"));
        assertProblem(logInWith("authn-api-two", firstSecret), 401, "code_invalid");
        assertThat(api.get("/api/v1/me/activity", token).body()).contains("totp_removed");
        assertThat(outbox.awaitMessage(email, "A sign-in method was removed").body())
                .as("the owner is told on the other channels").contains("authenticator app");
        String lastId = list(token).get(0).get("id").asString();
        assertProblem(delete("/api/v1/me/authenticators/" + lastId, "{\"password\":\"" + PASSWORD + "\"}", token),
                409, "last_method");
    }

    @Test
    void anAccountHasAtMostFiveAppsAndNamesAreBounded() {
        String token = ApiJourneys.signUpAndLogIn(api, "authn-api-five");
        ApiJourneys.enableTotp(api, token);
        assertProblem(api.post("/api/v1/me/totp", Map.of("name", "x".repeat(41)), token), 400,
                "authenticator_name_invalid");
        for (int i = 2; i <= 5; i++) {
            addApp(token, "phone " + i);
        }
        assertThat(list(token)).hasSize(5);
        assertThat(api.get("/api/v1/me/authenticators", token).json().get("max").asInt()).isEqualTo(5);

        ApiClient.Reply sixth = api.post("/api/v1/me/totp", Map.of("name", "phone 6"), token);

        assertProblem(sixth, 409, "too_many_authenticators");
        assertThat(sixth.text("detail")).contains("5");
        assertThat(api.post("/api/v1/me/totp", "", token).status()).as("no body: still refused the same way").isEqualTo(409);
    }

    @Test
    void removingAnAppNeedsASessionThatProvedTheSecondStep() {
        String token = ApiJourneys.signUpAndLogIn(api, "authn-api-weak");
        ApiJourneys.enableTotp(api, token);
        String id = list(token).get(0).get("id").asString();
        AccountId account = AccountId.parse(api.get("/api/v1/me", token).text("accountId"));
        String weak = new SessionTokens(server.bean(SecretGenerator.class)).newToken();
        Instant now = server.bean(Clock.class).instant();
        server.bean(SessionRepository.class).create(new Session(UUID.randomUUID(), SessionTokens.hash(weak),
                account, List.of("pwd"), AssuranceLevel.AAL1, now, now, now, Session.Kind.API));

        assertProblem(delete("/api/v1/me/authenticators/" + id, "{\"password\":\"" + PASSWORD + "\"}", weak), 403,
                "second_factor_required");
        assertProblem(api.post("/api/v1/me/two-step/disable/send-code", "{}", weak), 403, "second_factor_required");
        assertThat(list(token)).hasSize(1);
    }

    @Test
    void anSmsOnlyAccountTurnsTwoStepOffWithATextedCode() {
        String token = ApiJourneys.signUpAndLogIn(api, "authn-api-sms");
        String phone = "+819012347701";
        assertThat(api.post("/api/v1/me/phone", Map.of("phoneNumber", phone), token).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/phone/confirm", Map.of("code", outbox.latestCode(phone)), token).status())
                .isEqualTo(200);
        assertThat(list(token)).isEmpty();

        ApiClient.Reply sent = api.post("/api/v1/me/two-step/disable/send-code", "{}", token);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("destination")).isEqualTo("•••• ••01");
        assertThat(sent.text("nextSendAt")).isNotBlank();
        assertProblem(api.post("/api/v1/me/two-step/disable/send-code", "{}", token), 429, "too_many_sends");
        String code = outbox.latestCode(phone);
        assertProblem(api.post("/api/v1/me/two-step/disable", Map.of("password", PASSWORD, "method", "sms", "code",
                "000000".equals(code) ? "111111" : "000000"), token), 422, "code_invalid");

        ApiClient.Reply off = api.post("/api/v1/me/two-step/disable",
                Map.of("password", PASSWORD, "method", "sms", "code", code), token);

        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
    }

    @Test
    void aTotpOnlyAccountCannotAskForADisableCodeBySms() {
        String token = ApiJourneys.signUpAndLogIn(api, "authn-api-nosms");
        ApiJourneys.enableTotp(api, token);

        assertProblem(api.post("/api/v1/me/two-step/disable/send-code", "{}", token), 400, "method_not_available");
        assertProblem(api.post("/api/v1/me/two-step/disable", Map.of("password", PASSWORD, "method", "sms", "code",
                "123456"), token), 400, "method_not_available");
    }
}
