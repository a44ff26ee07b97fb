package dev.aikagi.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountErasure;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.testing.ApiJourneys;
import dev.aikagi.server.testing.ApiTestSupport;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 through the JSON API: the account's sessions ({@code GET /api/v1/me/sessions}, {@code DELETE
 * /api/v1/me/sessions/{id}}, {@code POST /api/v1/me/sessions/end-others}), its deletion ({@code POST
 * /api/v1/me/delete}, {@code /delete/cancel}, the state in {@code GET /api/v1/me}, the cancel link of the notice)
 * and the security checkup ({@code GET /api/v1/me/checkup}), each with its refusals.
 */
class MeSecurityApiTest extends ApiTestSupport {

    private static final Pattern CANCEL = Pattern.compile("(/account/deletion/cancel\\?token=[A-Za-z0-9_-]+)");

    private static String login(String username) {
        ApiClient.Reply login = api.post("/api/v1/login",
                Map.of("username", username, "password", ApiJourneys.PASSWORD), null);
        assertThat(login.text("status")).as(login.body()).isEqualTo("AUTHENTICATED");
        return login.text("sessionToken");
    }

    private static ApiClient.Reply delete(String path, String token) {
        return ApiClient.send(api.request(path, token, null).DELETE().build());
    }

    private static ApiClient.Reply getIn(String language, String path, String token) {
        return ApiClient.send(api.request(path, token, null).header("Accept-Language", language).GET().build());
    }

    private List<String> cancelLinks(String email) {
        return outbox.to(email).stream().map(m -> CANCEL.matcher(m.body())).filter(Matcher::find)
                .map(m -> m.group(1)).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void sessionsWhenTwoLoginsThenBothListedByHandleAndOneEndsTheOther() {
        String first = ApiJourneys.signUpAndLogIn(api, "sessions-api");
        String second = login("sessions-api");

        ApiClient.Reply listed = api.get("/api/v1/me/sessions", first);
        assertThat(listed.status()).isEqualTo(200);
        List<JsonNode> sessions = list(listed.json());
        assertThat(sessions).hasSize(2);
        assertThat(sessions).filteredOn(s -> s.get("current").asBoolean()).hasSize(1);
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.get("id").asString()).matches("[0-9a-f-]{36}");
            assertThat(s.get("kind").asString()).isEqualTo("api");
        });
        assertThat(listed.body()).doesNotContain(first).doesNotContain(second);
        String other = sessions.stream().filter(s -> !s.get("current").asBoolean()).findFirst().orElseThrow()
                .get("id").asString();

        assertThat(delete("/api/v1/me/sessions/" + other, first).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", second).status()).as("the ended session").isEqualTo(401);
        assertThat(api.get("/api/v1/me", first).status()).isEqualTo(200);
        ApiClient.Reply again = delete("/api/v1/me/sessions/" + other, first);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("session_not_found");
        assertThat(delete("/api/v1/me/sessions/not-a-session", first).code()).isEqualTo("session_not_found");
        assertThat(delete("/api/v1/me/sessions/" + other, null).status()).isEqualTo(401);
    }

    @Test
    void endSessionWhenTheIdIsAnotherAccountsThenNotFoundAndItLives() {
        String mine = ApiJourneys.signUpAndLogIn(api, "sessions-mine");
        String theirs = ApiJourneys.signUpAndLogIn(api, "sessions-theirs");
        String theirId = list(api.get("/api/v1/me/sessions", theirs).json()).getFirst().get("id").asString();

        ApiClient.Reply refused = delete("/api/v1/me/sessions/" + theirId, mine);

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("session_not_found");
        assertThat(api.get("/api/v1/me", theirs).status()).isEqualTo(200);
    }

    @Test
    void endOthersWhenThreeSessionsThenOnlyThisOneStaysAndItIsAudited() {
        String keep = ApiJourneys.signUpAndLogIn(api, "sessions-others");
        String b = login("sessions-others");
        String c = login("sessions-others");

        ApiClient.Reply ended = api.post("/api/v1/me/sessions/end-others", "{}", keep);

        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json().get("ended").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/me", b).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", c).status()).isEqualTo(401);
        assertThat(list(api.get("/api/v1/me/sessions", keep).json())).hasSize(1);
        AccountId id = new AccountId(UUID.fromString(api.get("/api/v1/me", keep).text("accountId")));
        assertThat(server.bean(AuditLog.class).recent(id, 10)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditType.SESSIONS_ENDED);
            assertThat(e.details()).containsEntry("count", "2");
        });
        assertThat(api.post("/api/v1/me/sessions/end-others", "{}", null).status()).isEqualTo(401);
    }

    @Test
    void deleteWhenPasswordWrongOrMissingThenRefusedAndNothingPending() {
        String token = ApiJourneys.signUpAndLogIn(api, "delete-refused");

        ApiClient.Reply wrong = api.post("/api/v1/me/delete", Map.of("password", "not my password"), token);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("password_wrong");
        assertThat(api.post("/api/v1/me/delete", "{}", token).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/me/delete", Map.of("password", ApiJourneys.PASSWORD), null).status()).isEqualTo(401);

        assertThat(api.get("/api/v1/me", token).json().get("deletion").get("pending").asBoolean()).isFalse();
    }

    @Test
    void deleteWhenPasswordRightThenPendingToldWithACancelLinkAndCancelledBySessionOrLink() {
        String token = ApiJourneys.signUpAndLogIn(api, "delete-me");
        String email = "delete-me@example.test";
        assertThat(api.post("/api/v1/me/email", Map.of("email", email), token).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/email/confirm", Map.of("code", outbox.latestCode(email)), token).status())
                .isEqualTo(200);

        ApiClient.Reply scheduled = api.post("/api/v1/me/delete", Map.of("password", ApiJourneys.PASSWORD), token);

        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.json().get("pending").asBoolean()).isTrue();
        Instant deleteAt = Instant.parse(scheduled.text("deleteAt"));
        assertThat(deleteAt).isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(7)));
        JsonNode me = api.get("/api/v1/me", token).json();
        assertThat(me.get("deletion").get("pending").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/me/delete", Map.of("password", ApiJourneys.PASSWORD), token).text("deleteAt"))
                .as("asking again answers the pending one").isEqualTo(scheduled.text("deleteAt"));

        ApiClient.Reply cancelled = api.post("/api/v1/me/delete/cancel", "{}", token);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("pending").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/me", token).json().get("deletion").get("pending").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/me/delete/cancel", "{}", null).status()).isEqualTo(401);

        // Again, and this time kept with the link of the notice, without logging in.
        api.post("/api/v1/me/delete", Map.of("password", ApiJourneys.PASSWORD), token);
        // Notices are sent off-thread: wait (bounded) for the second one.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> cancelLinks(email).size() >= 2);
        List<String> links = cancelLinks(email);
        assertThat(links).hasSize(2);
        String link = links.getFirst();
        PageClient stranger = new PageClient(server.port(), "203.0.113.77");
        PageClient.Page confirm = stranger.get(link);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.has("deletion-cancel-submit")).isTrue();
        assertThat(api.get("/api/v1/me", token).json().get("deletion").get("pending").asBoolean())
                .as("opening the link changes nothing").isTrue();
        String token2 = link.substring(link.indexOf("token=") + 6);
        PageClient.Page kept = stranger.post("/account/deletion/cancel", "token", token2);
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.has("deletion-cancel-done")).isTrue();
        assertThat(api.get("/api/v1/me", token).json().get("deletion").get("pending").asBoolean()).isFalse();
        assertThat(stranger.post("/account/deletion/cancel", "token", token2).status()).as("used once").isEqualTo(410);
        assertThat(stranger.get("/account/deletion/cancel").status()).isEqualTo(404);
    }

    @Test
    void eraseWhenCalledThenTheAccountIsGoneItsSessionsEndAndTheAuditLosesTheAddress() {
        String token = ApiJourneys.signUpAndLogIn(api, "erase-me");
        AccountId id = new AccountId(UUID.fromString(api.get("/api/v1/me", token).text("accountId")));

        assertThat(server.bean(AccountErasure.class).erase(id)).isTrue();

        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        ApiClient.Reply login = api.post("/api/v1/login",
                Map.of("username", "erase-me", "password", ApiJourneys.PASSWORD), null);
        assertThat(login.status()).isEqualTo(401);
        assertThat(server.bean(AuditLog.class).recent(id, 50))
                .anySatisfy(e -> assertThat(e.type()).isEqualTo(AuditType.ACCOUNT_CREATED))
                .anySatisfy(e -> assertThat(e.type()).isEqualTo(AuditType.ACCOUNT_ERASED))
                .filteredOn(e -> e.type() != AuditType.ACCOUNT_ERASED)
                .allSatisfy(e -> assertThat(e.clientAddress()).isNull());
        assertThat(server.bean(AccountErasure.class).erase(id)).isFalse();
    }

    @Test
    void checkupWhenNewAccountThenNeedsAttentionItemByItemInTheRequestsLanguage() {
        String token = ApiJourneys.signUpAndLogIn(api, "checkup-api");

        ApiClient.Reply en = getIn("en", "/api/v1/me/checkup", token);

        assertThat(en.status()).isEqualTo(200);
        assertThat(en.text("state")).isEqualTo("needs_attention");
        assertThat(en.json().get("canRecover").asBoolean()).isFalse();
        List<JsonNode> items = list(en.json().get("items"));
        assertThat(items).extracting(i -> i.get("id").asString()).containsExactly("two_step", "second_step_kinds",
                "backup_codes", "recovery_email", "recovery_phone", "sessions", "recent_events");
        JsonNode twoStep = items.getFirst();
        assertThat(twoStep.get("state").asString()).isEqualTo("needs_attention");
        assertThat(twoStep.get("important").asBoolean()).isTrue();
        assertThat(twoStep.get("title").asString()).isEqualTo("Two-step verification is off");
        assertThat(twoStep.get("fix").get("href").asString()).startsWith("/settings/account-center/security/two-factor/");
        assertThat(items.get(5).get("state").asString()).isEqualTo("good");

        ApiClient.Reply ja = getIn("ja", "/api/v1/me/checkup", token);
        assertThat(list(ja.json().get("items")).getFirst().get("title").asString()).isEqualTo("2段階認証がオフです");
        assertThat(api.get("/api/v1/me/checkup", null).status()).isEqualTo(401);
    }

    @Test
    void checkupWhenAppOnThenTwoStepGoodAndBackupCodesCounted() {
        String token = ApiJourneys.signUpAndLogIn(api, "checkup-app");
        ApiJourneys.enableTotp(api, token);

        List<JsonNode> items = list(getIn("en", "/api/v1/me/checkup", token).json().get("items"));

        assertThat(items.get(0).get("state").asString()).isEqualTo("good");
        assertThat(items.get(1).get("facts").get("kinds").asString()).isEqualTo("app");
        assertThat(items.get(2).get("state").asString()).isEqualTo("good");
        assertThat(items.get(2).get("facts").get("remaining").asString()).isEqualTo("10");
        assertThat(items.get(2).get("title").asString()).isEqualTo("10 backup codes left");
    }
}
