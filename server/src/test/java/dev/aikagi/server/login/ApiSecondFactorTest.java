package dev.aikagi.server.login;

import static dev.aikagi.server.login.ApiJourneyTest.assertProblem;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14 point 2 through the JSON API: turning two-step verification on ends every other session (and the
 * applications' tokens), and a session that proved only the password cannot change what protects the account
 * until it steps up.
 */
class ApiSecondFactorTest extends ApiTestSupport {

    private static final String PASSWORD = "ゆきだるまの朝ごはん";

    private static String signUp(String username) {
        return ApiJourneys.signUpAndLogIn(api, username);
    }

    private static String login(String username) {
        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null);
        assertThat(login.text("status")).isEqualTo("AUTHENTICATED");
        return login.text("sessionToken");
    }

    /** Turns the app on from {@code token}'s session; the first backup codes. */
    private static List<String> enableTotp(String token) {
        return ApiJourneys.enableTotp(api, token);
    }

    private static AccountId accountOf(String token) {
        return AccountId.parse(api.get("/api/v1/me", token).text("accountId"));
    }

    /**
     * A session at AAL1 on the account as it is now: one kept from before this release (opened at AAL1 while
     * two-step verification was already on), the case every other path now avoids.
     */
    private static String passwordOnlySession(AccountId account) {
        String token = new SessionTokens(server.bean(SecretGenerator.class)).newToken();
        Instant now = server.bean(Clock.class).instant();
        server.bean(SessionRepository.class).create(new Session(java.util.UUID.randomUUID(), SessionTokens.hash(token),
                account, List.of("pwd"), AssuranceLevel.AAL1, now, now, now, Session.Kind.API));
        return token;
    }

    @Test
    void totpConfirmWhenFirstMethodThenOtherSessionsAndApplicationTokensEndAndThisSessionIsAal2() {
        String here = signUp("sf-api-one");
        assertThat(api.post("/api/v1/me/email", Map.of("email", "sf-api-one@example.jp"), here).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/email/confirm", Map.of("code", outbox.latestCode("sf-api-one@example.jp")), here)
                .status()).isEqualTo(200);
        String older = login("sf-api-one");
        String accountId = api.get("/api/v1/me", here).text("accountId");
        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        jdbc.update("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type)"
                + " values ('sf-api-one-app', 'c', ?, 'refresh_token')", accountId);

        enableTotp(here);

        assertProblem(api.get("/api/v1/me", older), 401, "unauthenticated");
        ApiClient.Reply me = api.get("/api/v1/me", here);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("assurance")).isEqualTo("AAL2");
        assertThat(me.json().get("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");
        assertThat(jdbc.queryForObject("select count(*) from oauth2_authorization where principal_name = ?",
                Integer.class, accountId)).as("the applications' tokens of the ended sessions").isZero();
        assertThat(api.get("/api/v1/me/activity", here).body()).contains("two_step_enabled", "sessionsEnded");
        assertThat(outbox.awaitMessage("sf-api-one@example.jp", "Two-step verification was turned on").body())
                .as("the notice says the other sessions ended").contains("Every other session was ended");
    }

    @Test
    void guardedOperationsWhenSessionProvedOnlyThePasswordThenSecondFactorRequiredOnEach() {
        String first = signUp("sf-api-two");
        AccountId account = accountOf(first);
        enableTotp(first);
        String weak = passwordOnlySession(account);

        List<ApiClient.Reply> replies = List.of(
                api.post("/api/v1/me/totp", "{}", weak),
                api.post("/api/v1/me/totp/confirm", Map.of("code", "123456"), weak),
                api.post("/api/v1/me/backup-codes", Map.of("password", PASSWORD), weak),
                api.post("/api/v1/me/backup-codes/reveal", Map.of("password", PASSWORD), weak),
                api.post("/api/v1/me/two-step/remove-method", Map.of("method", "totp", "password", PASSWORD), weak),
                api.post("/api/v1/me/two-step/disable", Map.of("password", PASSWORD, "method", "totp", "code", "123456"), weak),
                api.post("/api/v1/me/phone", Map.of("phoneNumber", "+819012340077"), weak),
                api.post("/api/v1/me/phone/confirm", Map.of("code", "123456"), weak),
                api.post("/api/v1/me/email", Map.of("email", "sf-api-two@example.jp"), weak),
                api.post("/api/v1/me/email/confirm", Map.of("code", "123456"), weak),
                api.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"), weak));

        for (ApiClient.Reply reply : replies) {
            assertProblem(reply, 403, "second_factor_required");
        }
        ApiClient.Reply me = api.get("/api/v1/me", weak);
        assertThat(me.status()).as("reading is still allowed").isEqualTo(200);
        assertThat(me.text("assurance")).isEqualTo("AAL1");
    }

    @Test
    void stepUpWhenBackupCodeRightThenSessionAal2AndChangesAllowed() {
        String first = signUp("sf-api-three");
        AccountId account = accountOf(first);
        List<String> codes = enableTotp(first);
        String weak = passwordOnlySession(account);

        ApiClient.Reply started = api.post("/api/v1/me/step-up", "{}", weak);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().get("methods").toString()).isEqualTo("[\"totp\",\"backup_code\"]");
        assertProblem(api.post("/api/v1/me/step-up/verify", Map.of("method", "sms", "code", "123456"), weak),
                400, "method_not_available");
        assertProblem(api.post("/api/v1/me/step-up/verify", Map.of("method", "backup_code",
                "code", codes.contains("0000 0001") ? "0000 0002" : "0000 0001"), weak), 422, "code_invalid");
        ApiClient.Reply stepped = api.post("/api/v1/me/step-up/verify", Map.of("method", "backup_code", "code", codes.get(0)), weak);

        assertThat(stepped.status()).as(stepped.body()).isEqualTo(200);
        assertThat(stepped.text("assurance")).isEqualTo("AAL2");
        assertThat(api.get("/api/v1/me", weak).text("assurance")).as("the same token, now AAL2").isEqualTo("AAL2");
        assertThat(api.post("/api/v1/me/backup-codes/reveal", Map.of("password", PASSWORD), weak).status()).isEqualTo(200);
        assertProblem(api.post("/api/v1/me/step-up/verify", Map.of("method", "backup_code", "code", codes.get(0)),
                passwordOnlySession(account)), 422, "code_already_used");
        assertThat(api.get("/api/v1/me/activity", weak).body()).contains("stepped_up", "backup_code_used");
    }

    @Test
    void stepUpWhenSmsIsTheMethodThenCodeSentToThePhoneRaisesTheSession() {
        String first = signUp("sf-api-sms");
        AccountId account = accountOf(first);
        assertThat(api.post("/api/v1/me/phone", Map.of("phoneNumber", "+819012340088"), first).status()).isEqualTo(202);
        ApiClient.Reply phone = api.post("/api/v1/me/phone/confirm", Map.of("code", outbox.latestCode("+819012340088")), first);
        assertThat(phone.json().get("twoStepEnabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me", first).text("assurance")).as("the phone raised its session").isEqualTo("AAL2");
        String weak = passwordOnlySession(account);

        ApiClient.Reply sent = api.post("/api/v1/me/step-up", Map.of("method", "sms"), weak);
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.text("destination")).isEqualTo("•••• ••88");
        ApiClient.Reply stepped = api.post("/api/v1/me/step-up/verify",
                Map.of("method", "sms", "code", outbox.latestCode("+819012340088")), weak);

        assertThat(stepped.status()).as(stepped.body()).isEqualTo(200);
        assertThat(stepped.json().get("amr").toString()).isEqualTo("[\"pwd\",\"sms\"]");
    }

    @Test
    void stepUpWhenTwoStepOffThenNothingToProveAndNothingGuarded() {
        String token = signUp("sf-api-four");

        assertProblem(api.post("/api/v1/me/step-up", "{}", token), 409, "two_step_not_enabled");
        assertThat(api.post("/api/v1/me/email", Map.of("email", "sf-api-four@example.jp"), token).status()).isEqualTo(202);
    }

    @Test
    void openApiWhenFetchedThenGuardedOperationsDocumentSecondFactorRequiredAndStepUpIsListed() {
        ApiClient.Reply doc = api.get("/v3/api-docs", null);

        assertThat(doc.json().get("paths").has("/api/v1/me/step-up")).isTrue();
        assertThat(doc.json().get("paths").has("/api/v1/me/step-up/verify")).isTrue();
        for (String path : List.of("/api/v1/me/totp", "/api/v1/me/backup-codes/reveal", "/api/v1/me/password",
                "/api/v1/me/phone", "/api/v1/me/email")) {
            var post = doc.json().get("paths").get(path).get("post");
            assertThat(post.get("responses").get("403").get("description").asString()).as(path)
                    .contains("second_factor_required");
            assertThat(post.get("responses").has("200") || post.get("responses").has("201")
                    || post.get("responses").has("202")).as(path + " keeps its success answer").isTrue();
        }
        assertThat(doc.json().get("paths").get("/api/v1/me/totp").get("post").get("responses").get("200").has("content"))
                .as("the success answer keeps its schema").isTrue();
    }
}
