package dev.aikagi.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.RecoveryCompletion;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.FailingWrites;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.login.ApiJourneyTest;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.testkit.ApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account recovery through the JSON API (issue 5): two proofs, the waiting period and its cancel link (a
 * server with the default 24 h), completion into a limited session (a server whose operator set the
 * waiting period to 0), and the same answers for unknown usernames.
 */
class ApiRecoveryJourneyTest {

    private static final String PASSWORD = "はるのうみ ひねもすのたり";
    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
    private static final Pattern TOKEN = Pattern.compile("not-me\\?token=([A-Za-z0-9_-]+)");

    @TempDir
    static Path waitingDir;
    @TempDir
    static Path immediateDir;
    static RunningServer waiting;
    static RunningServer immediate;

    @BeforeAll
    static void start() {
        waiting = RunningServer.start(waitingDir);
        immediate = RunningServer.start(immediateDir, "--aikagi.recovery.waiting-period=0s");
    }

    @AfterAll
    static void stop() {
        waiting.close();
        immediate.close();
    }

    /** An account with a verified phone (its SMS login method) and a verified email; returns its session token. */
    private static String accountWithPhoneAndEmail(ApiClient api, Outbox outbox, String username, String e164,
                                                   String email) {
        assertThat(api.post("/api/v1/accounts", Map.of("username", username, "password", PASSWORD), null).status())
                .isEqualTo(201);
        String token = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null)
                .text("sessionToken");
        assertThat(api.post("/api/v1/me/phone", Map.of("phoneNumber", e164), token).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/phone/confirm", Map.of("code", outbox.latestCode(e164)), token).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/me/email", Map.of("email", email), token).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/email/confirm", Map.of("code", outbox.latestCode(email)), token).status())
                .isEqualTo(200);
        return token;
    }

    /** Sends a recovery code by {@code channel} and enters it. */
    private static ApiClient.Reply prove(ApiClient api, Outbox outbox, RecoveryCalls.Case id, String channel,
                                         String to) {
        ApiClient.Reply sent = RecoveryCalls.post(api, id, "send-code", Map.of("channel", channel));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().propertyNames()).containsExactlyInAnyOrder("channel", "nextSendAt");
        Outbox.Item message = outbox.awaitMessage(to, "recover");
        Matcher code = CODE.matcher(message.body());
        assertThat(code.find()).isTrue();
        return RecoveryCalls.post(api, id, "verify", Map.of("channel", channel, "code", code.group(1)));
    }

    @Test
    void twoProofsStartTheWaitingPeriodAndTheNoticeLinkCancelsIt() {
        ApiClient api = new ApiClient(waiting.port());
        Outbox outbox = new Outbox(api);
        String oldSession = accountWithPhoneAndEmail(api, outbox, "recover_wait", "+819011110001", "wait@example.test");

        ApiClient.Reply started = api.post("/api/v1/recovery", Map.of("username", "recover_wait"), null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().propertyNames()).containsExactlyInAnyOrder("recoveryId", "recoveryToken");
        RecoveryCalls.Case id = new RecoveryCalls.Case(started.text("recoveryId"), started.text("recoveryToken"));
        ApiClient.Reply afterEmail = prove(api, outbox, id, "email", "wait@example.test");
        assertThat(afterEmail.text("state")).isEqualTo("NEEDS_MORE_PROOF");
        ApiClient.Reply afterSms = prove(api, outbox, id, "sms", "+819011110001");
        assertThat(afterSms.text("state")).isEqualTo("WAITING");
        assertThat(afterSms.text("waitingUntil")).isNotBlank();

        ApiClient.Reply early = RecoveryCalls.post(api, id, "complete", "{}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("recovery_not_ready");

        // Every channel is told; the mail's link cancels, once.
        Outbox.Item notice = outbox.awaitMessage("wait@example.test", "after");
        Matcher token = TOKEN.matcher(notice.body());
        assertThat(token.find()).as(notice.body()).isTrue();
        assertThat(outbox.awaitMessage("+819011110001", "recovery of your account started").body()).contains("not-me");
        ApiClient.Reply cancelled = api.post("/api/v1/recovery/cancel", Map.of("token", token.group(1)), null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(RecoveryCalls.get(api, id).text("state")).isEqualTo("CANCELLED");
        assertThat(api.post("/api/v1/recovery/cancel", Map.of("token", token.group(1)), null).status()).isEqualTo(410);
        // Cancelling ends every session too: whoever started the recovery may have had one.
        assertThat(api.get("/api/v1/me", oldSession).status()).isEqualTo(401);
    }

    /** Issue 14: a recovery belongs to whoever holds its token; the id alone reads, proves and completes nothing. */
    @Test
    void everyStepWhenTheTokenIsMissingOrAnotherCasesThenTheSameAnswerAsAnUnknownId() {
        ApiClient api = new ApiClient(immediate.port());
        Outbox outbox = new Outbox(api);
        accountWithPhoneAndEmail(api, outbox, "recover_mine", "+819011110004", "mine@example.test");
        RecoveryCalls.Case mine = RecoveryCalls.start(api, "recover_mine");
        prove(api, outbox, mine, "sms", "+819011110004");
        assertThat(RecoveryCalls.post(api, mine, "verify", Map.of("channel", "password", "password", PASSWORD))
                .text("state")).isEqualTo("READY");
        RecoveryCalls.Case someoneElses = RecoveryCalls.start(api, "recover_mine");
        String unknownId = UUID.randomUUID().toString();

        for (String token : java.util.Arrays.asList(null, "", someoneElses.token(), mine.id(), mine.token() + "x")) {
            for (String id : List.of(mine.id(), unknownId)) {
                for (ApiClient.Reply reply : List.of(RecoveryCalls.get(api, id, token),
                        RecoveryCalls.post(api, id, token, "send-code", Map.of("channel", "email")),
                        RecoveryCalls.post(api, id, token, "verify", Map.of("channel", "password", "password", PASSWORD)),
                        RecoveryCalls.post(api, id, token, "complete", "{}"))) {
                    ApiJourneyTest.assertProblem(reply, 404, "recovery_not_found");
                    assertThat(reply.body()).doesNotContain(mine.token());
                }
            }
        }
        assertThat(RecoveryCalls.post(api, mine, "complete", "{}").status()).isEqualTo(200);
    }

    @Test
    void openApiWhenFetchedThenTheRecoveryTokenHeaderAndFieldAreDocumented() {
        ApiClient.Reply doc = new ApiClient(waiting.port()).get("/v3/api-docs", null);

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().at("/paths/~1api~1v1~1recovery~1{id}~1complete/post/parameters").toString())
                .contains("Aikagi-Recovery-Token").contains("\"in\":\"header\"");
        for (String path : List.of("/api/v1/recovery/{id}", "/api/v1/recovery/{id}/send-code",
                "/api/v1/recovery/{id}/verify")) {
            assertThat(doc.json().get("paths").get(path).toString()).as(path).contains("Aikagi-Recovery-Token");
        }
        assertThat(doc.json().at("/components/schemas/Started/properties").toString())
                .contains("recoveryId").contains("recoveryToken");
    }

    @Test
    void anUnknownUsernameGetsTheSameStatusesAndKeys() {
        ApiClient api = new ApiClient(waiting.port());
        Outbox outbox = new Outbox(api);
        accountWithPhoneAndEmail(api, outbox, "recover_known", "+819011110002", "known@example.test");

        ApiClient.Reply known = api.post("/api/v1/recovery", Map.of("username", "recover_known"), null);
        ApiClient.Reply unknown = api.post("/api/v1/recovery", Map.of("username", "nobody_at_all"), null);
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(unknown.json().propertyNames()).isEqualTo(known.json().propertyNames());

        List<ApiClient.Reply> knownReplies = new ArrayList<>();
        List<ApiClient.Reply> unknownReplies = new ArrayList<>();
        for (ApiClient.Reply started : List.of(known, unknown)) {
            RecoveryCalls.Case id = new RecoveryCalls.Case(started.text("recoveryId"), started.text("recoveryToken"));
            assertThat(id.token()).matches("[A-Za-z0-9_-]{43}");
            List<ApiClient.Reply> replies = started == known ? knownReplies : unknownReplies;
            replies.add(RecoveryCalls.post(api, id, "send-code", Map.of("channel", "email")));
            replies.add(RecoveryCalls.post(api, id, "verify", Map.of("channel", "email", "code", "000000")));
            replies.add(RecoveryCalls.post(api, id, "verify",
                    Map.of("channel", "password", "password", "not the password")));
            replies.add(RecoveryCalls.get(api, id));
            replies.add(RecoveryCalls.post(api, id, "complete", "{}"));
        }
        for (int i = 0; i < knownReplies.size(); i++) {
            ApiClient.Reply k = knownReplies.get(i);
            ApiClient.Reply u = unknownReplies.get(i);
            assertThat(u.status()).as("step %d", i).isEqualTo(k.status());
            assertThat(u.json().propertyNames()).as("step %d", i).isEqualTo(k.json().propertyNames());
            if (k.json().has("code")) {
                assertThat(u.text("code")).isEqualTo(k.text("code"));
            }
            if (k.json().has("state")) {
                assertThat(u.text("state")).isEqualTo(k.text("state"));
            }
        }
    }

    @Test
    void completeWhenAStepFailsHalfWayThenNothingOfItHappenedAndItCanBeCompletedAgain() {
        ApiClient api = new ApiClient(immediate.port());
        Outbox outbox = new Outbox(api);
        String oldSession = accountWithPhoneAndEmail(api, outbox, "recover_atomic", "+819011110009", "atomic@example.test");
        RecoveryCalls.Case id = RecoveryCalls.start(api, "recover_atomic");
        prove(api, outbox, id, "sms", "+819011110009");
        assertThat(RecoveryCalls.post(api, id, "verify", Map.of("channel", "password", "password", PASSWORD))
                .text("state")).isEqualTo("READY");

        // Issuing the new backup codes, the last step but one, fails: as a crash there would.
        try (FailingWrites noCodes = FailingWrites.backupCodeSets(immediate)) {
            assertThatThrownBy(() -> immediate.bean(RecoveryCompletion.class)
                    .complete(UUID.fromString(id.id()), id.token(), Session.Kind.API, new ClientAddress("198.51.100.77")))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(RecoveryCalls.get(api, id).text("state")).as("the case is not completed").isEqualTo("READY");
        assertThat(api.get("/api/v1/me", oldSession).status()).as("sessions were not ended").isEqualTo(200);

        ApiClient.Reply done = RecoveryCalls.post(api, id, "complete", "{}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("backupCodes")).hasSize(10);
        assertThat(api.get("/api/v1/me", oldSession).status()).isEqualTo(401);
    }

    @Test
    void aCompletedRecoveryOpensASessionThatCanOnlySetUpTheAccountAgain() {
        ApiClient api = new ApiClient(immediate.port());
        Outbox outbox = new Outbox(api);
        String oldSession = accountWithPhoneAndEmail(api, outbox, "recover_now", "+819011110003", "now@example.test");

        RecoveryCalls.Case id = RecoveryCalls.start(api, "recover_now");
        prove(api, outbox, id, "sms", "+819011110003");
        ApiClient.Reply ready = RecoveryCalls.post(api, id, "verify",
                Map.of("channel", "password", "password", PASSWORD));
        assertThat(ready.text("state")).isEqualTo("READY");

        ApiClient.Reply done = RecoveryCalls.post(api, id, "complete", "{}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        String limited = done.text("sessionToken");
        assertThat(done.json().get("backupCodes")).hasSize(10);
        assertThat(RecoveryCalls.post(api, id, "complete", "{}").status()).isEqualTo(410);
        assertThat(api.get("/api/v1/me", oldSession).status()).as("old sessions end").isEqualTo(401);

        // The limited session: it can look, set a password and add factors; nothing else.
        ApiClient.Reply me = api.get("/api/v1/me", limited);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("amr").get(0).asString()).isEqualTo("recovery");
        ApiClient.Reply disable = api.post("/api/v1/me/two-step/disable",
                Map.of("password", PASSWORD, "method", "backup_code", "code", "1234 5678"), limited);
        assertThat(disable.status()).isEqualTo(403);
        assertThat(disable.text("code")).isEqualTo("recovery_session_limited");
        assertThat(api.get("/api/v1/me/activity", limited).text("code")).isEqualTo("recovery_session_limited");
        assertThat(api.post("/api/v1/me/email", Map.of("email", "other@example.test"), limited).status()).isEqualTo(403);

        String newPassword = "あたらしい あいことば 2026";
        ApiClient.Reply changed = api.post("/api/v1/me/password", Map.of("newPassword", newPassword), limited);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(api.post("/api/v1/me/totp", "{}", limited).status()).isEqualTo(200);

        // The new password logs in (the phone was a proof: it is still the second factor); the old one does not.
        assertThat(api.post("/api/v1/login", Map.of("username", "recover_now", "password", PASSWORD), null).status())
                .isEqualTo(401);
        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", "recover_now", "password", newPassword), null);
        assertThat(login.text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        String flow = login.text("flowId");
        assertThat(api.post("/api/v1/login/" + flow + "/send-code", Map.of("method", "sms"), null).status()).isEqualTo(202);
        // Notices of the recovery reach the phone off the request's thread: read the newest login code itself.
        Matcher loginCode = CODE.matcher(outbox.awaitMessage("+819011110003", "login code").body());
        assertThat(loginCode.find()).isTrue();
        String full = api.post("/api/v1/login/" + flow + "/verify",
                Map.of("method", "sms", "code", loginCode.group(1)), null).text("sessionToken");
        // Email and phone stay frozen for a while, even for a normal session.
        ApiClient.Reply frozen = api.post("/api/v1/me/email", Map.of("email", "other@example.test"), full);
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(frozen.text("code")).isEqualTo("contacts_frozen");
    }
}
