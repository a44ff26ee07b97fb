package dev.aikagi.server.twostep;

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
import dev.aikagi.testkit.SoftwarePasskey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 17 through the JSON API, with a software authenticator (EC P-256, "none" attestation) whose answers the
 * server checks with webauthn4j: adding, listing and removing passkeys, a passkey as the second step and as a login
 * of its own, and the answers a browser would never send — another origin, another RP id, a replay.
 */
class ApiPasskeyTest extends ApiTestSupport {

    /** The test server's public URL is the default http://localhost:8080: RP id localhost, development mode. */
    private static final String ORIGIN = "http://localhost:8080";
    private static final String PASSWORD = ApiJourneys.PASSWORD;

    private static SoftwarePasskey newPasskey() {
        return new SoftwarePasskey(ORIGIN, "localhost");
    }

    /** Adds {@code passkey} from {@code token}'s session; the confirm's answer. */
    private static ApiClient.Reply add(String token, SoftwarePasskey passkey, String name) {
        ApiClient.Reply options = api.post("/api/v1/me/passkeys", "{}", token);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return api.post("/api/v1/me/passkeys/confirm", Map.of("credential", passkey.register(options.json()),
                "name", name), token);
    }

    private static ApiClient.Reply password(String username) {
        return api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null);
    }

    private static ApiClient.Reply verify(String flowId, ObjectNode credential) {
        return api.post("/api/v1/login/" + flowId + "/verify", Map.of("method", "passkey", "credential", credential),
                null);
    }

    @Test
    void startWhenNewAccountThenCreationOptionsInWebAuthnJson() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-options");

        JsonNode options = api.post("/api/v1/me/passkeys", "{}", token).json();

        assertThat(options.path("challenge").asString()).hasSize(43);
        assertThat(options.path("rp").path("id").asString()).isEqualTo("localhost");
        assertThat(options.path("user").path("name").asString()).isEqualTo("pk-api-options");
        assertThat(options.path("user").path("id").asString()).as("random, not the account id or name")
                .hasSize(43).doesNotContain("pk-api").isNotEqualTo(api.get("/api/v1/me", token).text("accountId"));
        assertThat(options.path("pubKeyCredParams").get(0).path("alg").asInt()).isEqualTo(-7);
        assertThat(options.path("authenticatorSelection").path("residentKey").asString()).isEqualTo("required");
        assertThat(options.path("authenticatorSelection").path("userVerification").asString()).isEqualTo("required");
        assertThat(options.path("attestation").asString()).isEqualTo("none");
    }

    @Test
    void confirmWhenFirstMethodThenTwoStepOnWithBackupCodesAndListedAndOwnerTold() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-add");
        assertThat(api.post("/api/v1/me/email", Map.of("email", "pk-api-add@example.jp"), token).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/email/confirm", Map.of("code", outbox.latestCode("pk-api-add@example.jp")), token)
                .status()).isEqualTo(200);

        ApiClient.Reply added = add(token, newPasskey(), "仕事のノートPC");

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("twoStepEnabled").asBoolean()).isTrue();
        assertThat(ApiClient.strings(added.json().path("backupCodes").path("codes"))).hasSize(10);
        JsonNode list = api.get("/api/v1/me/passkeys", token).json().path("passkeys");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("name").asString()).isEqualTo("仕事のノートPC");
        assertThat(list.get(0).path("createdAt").asString()).isNotEmpty();
        assertThat(list.get(0).has("lastUsedAt")).isFalse();
        ApiClient.Reply me = api.get("/api/v1/me", token);
        assertThat(me.text("assurance")).isEqualTo("AAL2");
        assertThat(api.get("/api/v1/me/activity", token).body()).contains("passkey_added", "two_step_enabled");
        assertThat(outbox.awaitMessage("pk-api-add@example.jp", "A sign-in method was added").body()).contains("passkey");
    }

    @Test
    void verifyWhenPasskeyAsSecondStepThenAal2WithPwdHwkUserAndLastUseShown() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-second");
        SoftwarePasskey passkey = newPasskey();
        add(token, passkey, "phone");

        ApiClient.Reply login = password("pk-api-second");
        assertThat(login.text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        assertThat(ApiClient.strings(login.json().path("methods"))).contains("passkey", "backup_code");
        String flowId = login.text("flowId");
        ApiClient.Reply options = api.post("/api/v1/login/" + flowId + "/passkey", "{}", null);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().path("allowCredentials").get(0).path("id").asString()).isEqualTo(passkey.id());
        assertThat(options.json().path("userVerification").asString()).isEqualTo("required");

        ApiClient.Reply verified = verify(flowId, passkey.login(options.json()));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("AUTHENTICATED");
        assertThat(ApiClient.strings(verified.json().path("amr"))).containsExactly("pwd", "hwk", "user");
        String session = verified.text("sessionToken");
        assertThat(api.get("/api/v1/me", session).text("assurance")).isEqualTo("AAL2");
        assertThat(api.get("/api/v1/me/passkeys", session).json().path("passkeys").get(0).path("lastUsedAt").asString())
                .isNotEmpty();
    }

    @Test
    void verifyWhenPasskeyAloneThenAal2WithHwkUserMfaAndNoAccountNamedBefore() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-alone");
        SoftwarePasskey passkey = newPasskey();
        add(token, passkey, "key");

        ApiClient.Reply started = api.post("/api/v1/login/passkey", "{}", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        JsonNode options = started.json().path("publicKey");
        assertThat(options.path("allowCredentials")).isEmpty();
        ApiClient.Reply verified = verify(started.text("flowId"), passkey.login(options));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(ApiClient.strings(verified.json().path("amr"))).containsExactly("hwk", "user", "mfa");
        ApiClient.Reply me = api.get("/api/v1/me", verified.text("sessionToken"));
        assertThat(me.text("assurance")).isEqualTo("AAL2");
        assertThat(me.text("username")).isEqualTo("pk-api-alone");
    }

    @Test
    void verifyWhenUnknownPasskeyAloneThenTheSameAnswerAsAWrongOne() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-unknown");
        SoftwarePasskey known = newPasskey();
        add(token, known, "key");
        ApiClient.Reply first = api.post("/api/v1/login/passkey", "{}", null);
        ApiClient.Reply second = api.post("/api/v1/login/passkey", "{}", null);

        ApiClient.Reply stranger = verify(first.text("flowId"), newPasskey().login(first.json().path("publicKey")));
        ApiClient.Reply wrongOrigin = verify(second.text("flowId"),
                known.origin("https://evil.example").login(second.json().path("publicKey")));

        assertProblem(stranger, 401, "passkey_invalid");
        assertProblem(wrongOrigin, 401, "passkey_invalid");
        assertThat(stranger.text("detail")).isEqualTo(wrongOrigin.text("detail"));
    }

    @Test
    void verifyWhenWrongOriginOrWrongRpIdThenRefused() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-origin");
        SoftwarePasskey passkey = newPasskey();
        add(token, passkey, "key");

        String flowId = password("pk-api-origin").text("flowId");
        JsonNode options = api.post("/api/v1/login/" + flowId + "/passkey", "{}", null).json();
        assertProblem(verify(flowId, passkey.origin("https://phish.example").login(options)), 401, "passkey_invalid");
        JsonNode again = api.post("/api/v1/login/" + flowId + "/passkey", "{}", null).json();
        assertProblem(verify(flowId, passkey.origin(ORIGIN).rpId("evil.example").login(again)), 401, "passkey_invalid");
        JsonNode right = api.post("/api/v1/login/" + flowId + "/passkey", "{}", null).json();

        assertThat(verify(flowId, passkey.rpId("localhost").login(right)).text("status")).isEqualTo("AUTHENTICATED");
        assertThat(api.get("/api/v1/me/activity", token).body()).contains("ORIGIN", "RP_ID");
    }

    @Test
    void verifyWhenAnswerReplayedOrCounterDidNotGrowThenRefused() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-replay");
        SoftwarePasskey passkey = newPasskey();
        add(token, passkey, "key");
        ApiClient.Reply started = api.post("/api/v1/login/passkey", "{}", null);
        ObjectNode answer = passkey.login(started.json().path("publicKey"));
        assertThat(verify(started.text("flowId"), answer).status()).isEqualTo(200);

        assertProblem(verify(started.text("flowId"), answer), 410, "flow_expired");
        ApiClient.Reply other = api.post("/api/v1/login/passkey", "{}", null);
        assertProblem(verify(other.text("flowId"), answer), 401, "passkey_invalid");
        ApiClient.Reply cloned = api.post("/api/v1/login/passkey", "{}", null);
        assertProblem(verify(cloned.text("flowId"), passkey.counter(0).login(cloned.json().path("publicKey"))), 401,
                "passkey_invalid");

        assertThat(api.get("/api/v1/me/activity", token).body()).contains("passkey_rejected");
    }

    @Test
    void confirmWhenNoUserVerificationOrReplayedThenRefusedAndNothingAdded() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-nouv");
        ApiClient.Reply options = api.post("/api/v1/me/passkeys", "{}", token);
        ObjectNode noUv = newPasskey().userVerified(false).register(options.json());

        assertProblem(api.post("/api/v1/me/passkeys/confirm", Map.of("credential", noUv, "name", "x"), token), 422,
                "passkey_invalid");
        ObjectNode replay = newPasskey().register(options.json());
        assertProblem(api.post("/api/v1/me/passkeys/confirm", Map.of("credential", replay, "name", "x"), token), 422,
                "passkey_invalid");
        assertProblem(api.post("/api/v1/me/passkeys/confirm", Map.of("name", "x"), token), 400, "missing_field");
        assertThat(api.get("/api/v1/me/passkeys", token).json().path("passkeys")).isEmpty();
    }

    @Test
    void removeWhenPasswordRightAndAnotherMethodLeftThenGoneElseRefused() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-remove");
        SoftwarePasskey first = newPasskey();
        add(token, first, "first");
        String id = api.get("/api/v1/me/passkeys", token).json().path("passkeys").get(0).path("id").asString();

        assertProblem(api.delete("/api/v1/me/passkeys/" + id, Map.of("password", PASSWORD), token), 409, "last_method");
        add(token, newPasskey(), "second");
        assertProblem(api.delete("/api/v1/me/passkeys/" + id, Map.of("password", "wrong password"), token), 422,
                "password_wrong");
        assertProblem(api.delete("/api/v1/me/passkeys/" + java.util.UUID.randomUUID(), Map.of("password", PASSWORD),
                token), 404, "passkey_not_found");
        ApiClient.Reply removed = api.delete("/api/v1/me/passkeys/" + id, Map.of("password", PASSWORD), token);

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().path("passkeys")).hasSize(1);
        assertThat(removed.json().path("passkeys").get(0).path("name").asString()).isEqualTo("second");
        ApiClient.Reply started = api.post("/api/v1/login/passkey", "{}", null);
        assertProblem(verify(started.text("flowId"), first.login(started.json().path("publicKey"))), 401,
                "passkey_invalid");
        assertThat(api.get("/api/v1/me/activity", token).body()).contains("passkey_removed");
    }

    @Test
    void guardedWhenSessionNotSignedInThen401() {
        assertProblem(api.post("/api/v1/me/passkeys", "{}", null), 401, "unauthenticated");
        assertProblem(api.get("/api/v1/me/passkeys", null), 401, "unauthenticated");
    }

    /** A session at AAL1 on the account as it is now (one kept from before two-step verification was on). */
    private static String passwordOnlySession(String token) {
        AccountId account = AccountId.parse(api.get("/api/v1/me", token).text("accountId"));
        String weak = new SessionTokens(server.bean(SecretGenerator.class)).newToken();
        Instant now = server.bean(Clock.class).instant();
        server.bean(SessionRepository.class).create(new Session(java.util.UUID.randomUUID(), SessionTokens.hash(weak),
                account, List.of("pwd"), AssuranceLevel.AAL1, now, now, now, Session.Kind.API));
        return weak;
    }

    @Test
    void stepUpWhenPasskeyAnswersThenSessionAal2WithHwkUserAndTheChallengeUsedOnce() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-stepup");
        SoftwarePasskey passkey = newPasskey();
        add(token, passkey, "phone");
        String weak = passwordOnlySession(token);

        ApiClient.Reply started = api.post("/api/v1/me/step-up", Map.of("method", "passkey"), weak);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(ApiClient.strings(started.json().path("methods"))).contains("passkey", "backup_code");
        assertThat(started.text("method")).isEqualTo("passkey");
        JsonNode options = started.json().path("publicKey");
        assertThat(options.path("allowCredentials").get(0).path("id").asString()).isEqualTo(passkey.id());
        assertThat(options.path("userVerification").asString()).isEqualTo("required");
        ObjectNode answer = passkey.login(options);

        assertProblem(api.post("/api/v1/me/step-up/verify", Map.of("method", "passkey"), weak), 400, "missing_field");
        ApiClient.Reply stepped = api.post("/api/v1/me/step-up/verify", Map.of("method", "passkey", "credential", answer),
                weak);

        assertThat(stepped.status()).as(stepped.body()).isEqualTo(200);
        assertThat(stepped.text("assurance")).isEqualTo("AAL2");
        assertThat(ApiClient.strings(stepped.json().path("amr"))).containsExactly("pwd", "hwk", "user");
        assertThat(api.get("/api/v1/me", weak).text("assurance")).isEqualTo("AAL2");
        // The same answer again, from another weak session: its challenge was this session's, and is used up.
        assertProblem(api.post("/api/v1/me/step-up/verify", Map.of("method", "passkey", "credential", answer),
                passwordOnlySession(token)), 422, "passkey_invalid");
    }

    @Test
    void stepUpWhenAnotherSessionsChallengeOrNoPasskeyThenRefused() {
        String token = ApiJourneys.signUpAndLogIn(api, "pk-api-stepup-other");
        SoftwarePasskey passkey = newPasskey();
        add(token, passkey, "phone");
        String weak = passwordOnlySession(token);
        String other = passwordOnlySession(token);
        JsonNode options = api.post("/api/v1/me/step-up", Map.of("method", "passkey"), weak).json().path("publicKey");

        assertProblem(api.post("/api/v1/me/step-up/verify", Map.of("method", "passkey", "credential",
                passkey.login(options)), other), 422, "passkey_invalid");
        assertThat(api.get("/api/v1/me", other).text("assurance")).isEqualTo("AAL1");

        String noPasskey = ApiJourneys.signUpAndLogIn(api, "pk-api-stepup-totp");
        ApiJourneys.enableTotp(api, noPasskey);
        assertProblem(api.post("/api/v1/me/step-up", Map.of("method", "passkey"), passwordOnlySession(noPasskey)), 400,
                "method_not_available");
    }
}
