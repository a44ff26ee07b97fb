package dev.aikagi.server.admin;

import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.ApiJourneys;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.OAuth;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/v1} (issue 18) through a real server: the token gate, each operation, their refusals, and what a
 * disabled account can no longer do (log in through the API and the pages, recover, refresh an application's
 * tokens).
 */
class AdminApiTest {

    static final String OPS_SECRET = "ops-secret-0123456789abcdef0123456789";
    static final String WEB_SECRET = "web-secret-0123456789abcdef";
    static final String WEB_CALLBACK = "http://rp.example/callback";
    static final String USERS = "/api/admin/v1/users";

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static ApiClient api;
    static Outbox outbox;
    static String adminToken;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.oidc.clients.ops.secret=" + OPS_SECRET,
                "--aikagi.oidc.clients.ops.scopes=aikagi.admin,aikagi.audit",
                "--aikagi.oidc.clients.web.secret=" + WEB_SECRET,
                "--aikagi.oidc.clients.web.redirect-uris=" + WEB_CALLBACK,
                "--aikagi.oidc.clients.web.first-party=true");
        api = new ApiClient(server.port());
        outbox = new Outbox(api);
        adminToken = clientToken("aikagi.admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** POST /oauth2/token with the client-credentials grant for the ops client. */
    static String clientToken(String scope) {
        ApiClient.Reply reply = token("ops", OPS_SECRET, Map.of("grant_type", "client_credentials", "scope", scope));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.text("access_token");
    }

    static ApiClient.Reply token(String client, String secret, Map<String, String> form) {
        return ApiClient.send(HttpRequest.newBuilder(api.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))))
                .build());
    }

    static ApiClient.Reply call(String method, String path, String body) {
        return call(method, path, body, adminToken);
    }

    static ApiClient.Reply call(String method, String path, String body, String token) {
        HttpRequest.Builder request = api.request(path, token, null);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return ApiClient.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Creates a user with {@link PageJourneys#PASSWORD} through the admin API; its id. */
    static String createUser(String username, String email) {
        ApiClient.Reply created = call("POST", USERS, email == null
                ? ApiClient.json("username", username, "password", PASSWORD)
                : ApiClient.json("username", username, "password", PASSWORD, "email", email, "language", "en"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    static List<AuditEvent> events(String id, AuditType type) {
        return server.bean(AuditLog.class).recent(AccountId.parse(id), 100).stream().filter(e -> e.type() == type).toList();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void callWhenNoTokenThen401WithChallenge() {
        ApiClient.Reply reply = call("GET", USERS + "?q=anyone", null, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("unauthenticated");
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void callWhenTokenUnknownOrAPersonsSessionThen401InvalidToken() {
        String session = ApiJourneys.signUpAndLogIn(api, "admin-api-person-" + UUID.randomUUID().toString().substring(0, 8));

        for (String token : List.of("not-a-token", session)) {
            ApiClient.Reply reply = call("GET", USERS + "?q=anyone", null, token);

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.code()).isEqualTo("invalid_token");
            assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
                    assertThat(h).contains("error=\"invalid_token\""));
        }
    }

    @Test
    void callWhenTokenLacksAdminScopeThen403InsufficientScope() {
        ApiClient.Reply reply = call("GET", USERS + "?q=anyone", null, clientToken("aikagi.audit"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("insufficient_scope");
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
                assertThat(h).contains("error=\"insufficient_scope\"").contains("scope=\"aikagi.admin\""));
    }

    @Test
    void tokenWhenClientCredentialsForAClientWithoutAdminScopeThenRefused() {
        ApiClient.Reply reply = token("web", WEB_SECRET, Map.of("grant_type", "client_credentials"));

        assertThat(reply.status()).isIn(400, 401);
        assertThat(reply.body()).contains("unauthorized_client");
    }

    @Test
    void createWhenValidThenReadAndSearchByUsernameEmailAndPhoneAndAudited() {
        ApiClient.Reply created = call("POST", USERS, ApiClient.json("username", "Admin-Made", "password", PASSWORD,
                "email", "made@example.jp", "phone", "090-1234-5678"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");

        ApiClient.Reply read = call("GET", USERS + "/" + id, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("username")).isEqualTo("admin-made");
        assertThat(read.json().path("email").path("address").asString()).isEqualTo("made@example.jp");
        assertThat(read.json().path("email").path("verified").asBoolean()).isTrue();
        assertThat(read.json().path("phone").path("address").asString()).isEqualTo("+819012345678");
        assertThat(read.json().path("disabled").asBoolean()).isFalse();
        for (String query : List.of("?username=ADMIN-MADE", "?email=made%40example.jp", "?phone=%2B819012345678",
                "?q=090-1234-5678")) {
            JsonNode users = call("GET", USERS + query, null).json().path("users");
            assertThat(users).as(query).hasSize(1);
            assertThat(users.get(0).path("id").asString()).isEqualTo(id);
        }
        assertThat(call("GET", USERS + "?q=nobody-at-all", null).json().path("users")).isEmpty();
        assertThat(events(id, AuditType.ACCOUNT_CREATED_BY_ADMIN)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("by", "client:ops"));
        assertThat(events(id, AuditType.ADMIN_CALL)).anySatisfy(e -> assertThat(e.details())
                .containsEntry("client", "ops").containsEntry("operation", "GET /api/admin/v1/users/{id}"));
    }

    @Test
    void createWhenTakenOrBadThenConflictOrValidationProblems() {
        createUser("admin-taken", null);

        assertThat(call("POST", USERS, ApiClient.json("username", "admin-taken", "password", PASSWORD)).code())
                .isEqualTo("username_taken");
        assertThat(call("POST", USERS, ApiClient.json("username", "admin-taken", "password", PASSWORD)).status())
                .isEqualTo(409);
        ApiClient.Reply missing = call("POST", USERS, ApiClient.json("username", "admin-nopass"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("missing_field");
        ApiClient.Reply weak = call("POST", USERS, ApiClient.json("username", "admin-weak", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("password_rejected");
        ApiClient.Reply badPhone = call("POST", USERS, ApiClient.json("username", "admin-phone", "password", PASSWORD,
                "phone", "12"));
        assertThat(badPhone.code()).isEqualTo("contact_invalid");
    }

    @Test
    void anyUserOperationWhenUnknownIdThen404UserNotFound() {
        String unknown = UUID.randomUUID().toString();
        for (String[] op : List.of(new String[] {"GET", ""}, new String[] {"POST", "/disable"},
                new String[] {"POST", "/enable"}, new String[] {"GET", "/two-step"}, new String[] {"GET", "/sessions"},
                new String[] {"DELETE", "/sessions"}, new String[] {"PUT", "/roles/admin"}, new String[] {"DELETE", ""})) {
            ApiClient.Reply reply = call(op[0], USERS + "/" + unknown + op[1], null);

            assertThat(reply.status()).as(op[0] + op[1]).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("user_not_found");
        }
        assertThat(call("GET", USERS + "/not-a-uuid", null).code()).isEqualTo("user_not_found");
    }

    @Test
    void disableWhenSignedInThenSessionEndsAndLoginSaysDisabledOnlyAfterTheRightPassword() {
        String id = createUser("admin-disable", null);
        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", "admin-disable", "password", PASSWORD), null);
        String session = login.text("sessionToken");
        assertThat(api.get("/api/v1/me", session).status()).isEqualTo(200);

        ApiClient.Reply disabled = call("POST", USERS + "/" + id + "/disable", null);

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me", session).status()).isEqualTo(401);
        ApiClient.Reply wrong = api.post("/api/v1/login", Map.of("username", "admin-disable", "password", "wrong one!"), null);
        ApiClient.Reply unknown = api.post("/api/v1/login", Map.of("username", "admin-nobody", "password", "wrong one!"), null);
        assertThat(wrong.status()).isEqualTo(unknown.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo(unknown.code()).isEqualTo("invalid_credentials");
        ApiClient.Reply right = api.post("/api/v1/login", Map.of("username", "admin-disable", "password", PASSWORD), null);
        assertThat(right.status()).isEqualTo(403);
        assertThat(right.code()).isEqualTo("account_disabled");
        // The login page says the same.
        PageClient browser = PageJourneys.browser(server);
        browser.get("/login");
        PageClient.Page page = browser.post("/login", "username", "admin-disable", "password", PASSWORD);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("This account has been disabled");
        assertThat(events(id, AuditType.ACCOUNT_DISABLED)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("by", "client:ops"));

        ApiClient.Reply enabled = call("POST", USERS + "/" + id + "/enable", null);

        assertThat(enabled.json().path("disabled").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/login", Map.of("username", "admin-disable", "password", PASSWORD), null)
                .text("status")).isEqualTo("AUTHENTICATED");
    }

    @Test
    void recoverWhenDisabledThenAnsweredLikeAnUnknownNameAndNoCodeIsSent() {
        String id = createUser("admin-norecover", "norecover@example.jp");
        call("POST", USERS + "/" + id + "/disable", null);

        ApiClient.Reply started = api.post("/api/v1/recovery", Map.of("username", "admin-norecover"), null);
        ApiClient.Reply unknown = api.post("/api/v1/recovery", Map.of("username", "admin-nobody-here"), null);

        assertThat(started.status()).isEqualTo(unknown.status());
        assertThat(started.json().propertyNames()).isEqualTo(unknown.json().propertyNames());
        String recoveryId = started.text("recoveryId");
        ApiClient.Reply send = api.recovery("/api/v1/recovery/" + recoveryId + "/send", ApiClient.json("channel", "email"),
                started.text("recoveryToken"), null);
        assertThat(send.status()).isLessThan(500);
        assertThat(outbox.to("norecover@example.jp")).noneMatch(i -> i.subject().toLowerCase().contains("code"));
    }

    @Test
    void refreshWhenAccountDisabledThenApplicationsTokensNoLongerWork() {
        String id = createUser("admin-refresh", null);
        PageClient browser = PageJourneys.browser(server);
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String state = UUID.randomUUID().toString();
        PageClient.Page first = browser.get("/oauth2/authorize?response_type=code&client_id=web&redirect_uri="
                + enc(WEB_CALLBACK) + "&scope=" + enc("openid profile") + "&state=" + state + "&nonce=n1"
                + "&code_challenge=" + OAuth.challenge(verifier) + "&code_challenge_method=S256");
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        browser.get("/login");
        PageClient.Page afterPassword = browser.post("/login", "username", "admin-refresh", "password", PASSWORD);
        assertThat(afterPassword.status()).isEqualTo(302);
        PageClient.Page end = browser.get("/login/continue");
        String back = Html.unescape(end.attribute("continue-to-application", "href"));
        PageClient.Page redirect = browser.get(back);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        String code = OAuth.query(URI.create(redirect.headers().firstValue("Location").orElseThrow())).get("code");
        ApiClient.Reply tokens = token("web", WEB_SECRET, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", WEB_CALLBACK, "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String refresh = tokens.text("refresh_token");

        call("POST", USERS + "/" + id + "/disable", null);

        ApiClient.Reply refreshed = token("web", WEB_SECRET, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.body()).contains("invalid_grant");
    }

    @Test
    void twoStepWhenResetImmediatelyThenMethodsGoneSessionsEndAndPersonTold() {
        String username = "admin-reset-now";
        String id = createUser(username, "resetnow@example.jp");
        String session = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null)
                .text("sessionToken");
        ApiJourneys.enableTotp(api, session);
        String newSession = loginWithoutSecondStepImpossible(username);
        assertThat(newSession).isNull();

        JsonNode before = call("GET", USERS + "/" + id + "/two-step", null).json();
        assertThat(ApiClient.strings(before.path("methods"))).contains("totp", "backup_code");
        assertThat(before.path("backupCodesRemaining").asInt()).isEqualTo(10);

        ApiClient.Reply reset = call("POST", USERS + "/" + id + "/two-step/reset", "{\"immediately\":true}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.text("state")).isEqualTo("done");
        assertThat(ApiClient.strings(reset.json().path("twoStep").path("methods"))).isEmpty();
        assertThat(api.get("/api/v1/me", session).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null).text("status"))
                .isEqualTo("AUTHENTICATED");
        outbox.awaitMessage("resetnow@example.jp", "Two-step verification was reset");
        assertThat(call("POST", USERS + "/" + id + "/two-step/reset", "{\"immediately\":true}").code())
                .isEqualTo("method_not_found");
        assertThat(call("POST", USERS + "/" + id + "/two-step/reset", "{\"method\":\"fingers\"}").code())
                .isEqualTo("unknown_method");
    }

    /** A login with the password alone: null when a second step is asked for. */
    private static String loginWithoutSecondStepImpossible(String username) {
        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null);
        return "AUTHENTICATED".equals(login.text("status")) ? login.text("sessionToken") : null;
    }

    @Test
    void twoStepWhenResetWaitsThenMethodsStayAndTheNoticesLinkCancelsIt() {
        String username = "admin-reset-wait";
        String id = createUser(username, "resetwait@example.jp");
        String session = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null)
                .text("sessionToken");
        ApiJourneys.enableTotp(api, session);

        ApiClient.Reply reset = call("POST", USERS + "/" + id + "/two-step/reset", "{\"method\":\"totp\"}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        assertThat(reset.text("state")).isEqualTo("waiting");
        assertThat(reset.text("effectiveAt")).isNotBlank();
        assertThat(ApiClient.strings(reset.json().path("twoStep").path("methods"))).contains("totp");
        Outbox.Item notice = outbox.awaitMessage("resetwait@example.jp", "ordered a reset of two-step verification");
        String link = notice.body().lines().filter(l -> l.contains("/security/not-me?token=")).findFirst().orElseThrow();
        String path = link.substring(link.indexOf("/security/not-me"));
        PageClient browser = PageJourneys.browser(server);
        PageClient.Page confirm = browser.get(path.strip());
        assertThat(confirm.status()).isEqualTo(200);
        browser.post("/security/not-me", "token", OAuth.query(URI.create("http://x" + path.strip())).get("token"));

        assertThat(events(id, AuditType.TWO_STEP_RESET_CANCELLED)).hasSize(1);
        assertThat(server.bean(dev.aikagi.core.admin.TwoStepResets.class).waiting(AccountId.parse(id))).isEmpty();
    }

    /** Issue 18 "delete" with issue 17's erasure: the account is gone at once, its sessions too, audit stays. */
    @Test
    void deleteWhenUserExistsThenErasedSessionEndedAndTheNameFree() {
        String id = createUser("admin-delete", null);
        String session = api.post("/api/v1/login", Map.of("username", "admin-delete", "password", PASSWORD), null)
                .text("sessionToken");
        assertThat(api.get("/api/v1/me", session).status()).isEqualTo(200);

        assertThat(call("DELETE", USERS + "/" + id, null).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", session).status()).isEqualTo(401);
        assertThat(call("GET", USERS + "/" + id, null).code()).isEqualTo("user_not_found");
        assertThat(api.post("/api/v1/login", Map.of("username", "admin-delete", "password", PASSWORD), null).code())
                .isEqualTo("invalid_credentials");
        assertThat(call("DELETE", USERS + "/" + id, null).status()).isEqualTo(404);
        assertThat(createUser("admin-delete", null)).as("the username is free again").isNotEqualTo(id);
    }

    @Test
    void sessionsWhenListedThenEndOneAndEndAll() {
        String id = createUser("admin-sessions", null);
        String one = api.post("/api/v1/login", Map.of("username", "admin-sessions", "password", PASSWORD), null)
                .text("sessionToken");
        String two = api.post("/api/v1/login", Map.of("username", "admin-sessions", "password", PASSWORD), null)
                .text("sessionToken");

        JsonNode sessions = call("GET", USERS + "/" + id + "/sessions", null).json().path("sessions");
        assertThat(sessions).hasSize(2);
        String newest = sessions.get(0).path("id").asString();

        assertThat(call("DELETE", USERS + "/" + id + "/sessions/" + newest, null).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", two).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", one).status()).isEqualTo(200);
        assertThat(call("DELETE", USERS + "/" + id + "/sessions/" + newest, null).code()).isEqualTo("session_not_found");

        ApiClient.Reply all = call("DELETE", USERS + "/" + id + "/sessions", null);

        assertThat(all.json().path("ended").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/me", one).status()).isEqualTo(401);
    }

    @Test
    void rolesWhenGrantedAndRevokedThenUserShowsThem() {
        String id = createUser("admin-roles", null);

        ApiClient.Reply granted = call("PUT", USERS + "/" + id + "/roles/support-agent", null);

        assertThat(ApiClient.strings(granted.json().path("roles"))).containsExactly("support-agent");
        ApiClient.Reply revoked = call("DELETE", USERS + "/" + id + "/roles/support-agent", null);
        assertThat(ApiClient.strings(revoked.json().path("roles"))).isEmpty();
        ApiClient.Reply unknown = call("PUT", USERS + "/" + id + "/roles/king", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("unknown_role");
    }

    @Test
    void openApiWhenReadThenAdminOperationsAreDocumented() {
        ApiClient.Reply doc = api.get("/v3/api-docs", null);

        assertThat(doc.json().path("paths").has("/api/admin/v1/users/{id}/two-step/reset")).isTrue();
        assertThat(doc.json().path("paths").has("/api/admin/v1/users/{id}/invitation")).isTrue();
        assertThat(doc.body()).contains("email_required");
        assertThat(doc.json().path("components").path("securitySchemes").has("admin")).isTrue();
    }

    // Issue 18: users created with an invitation link.

    /** The path of the invitation link in the newest invitation mail to {@code to}. */
    static String invitationLink(String to, String text) {
        Outbox.Item mail = outbox.awaitMessage(to, text);
        String line = mail.body().lines().filter(l -> l.contains("/invitation?token=")).reduce((a, b) -> b).orElseThrow();
        return line.substring(line.indexOf("/invitation?token=")).strip();
    }

    static String token(String path) {
        return OAuth.query(URI.create("http://x" + path)).get("token");
    }

    @Test
    void createWhenInvitedThenNoPasswordWorksUntilTheMailedLinkSetsOneOnce() {
        String username = "admin-invited";
        ApiClient.Reply created = call("POST", USERS, ApiClient.json("username", username, "email", "invited@example.jp",
                "language", "en", "invite", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        // No password opens the account: answered exactly like a wrong password for an unknown name.
        for (String guess : List.of(PASSWORD, "", "correct horse battery staple")) {
            ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", username, "password", guess), null);
            ApiClient.Reply unknown = api.post("/api/v1/login", Map.of("username", "admin-nobody", "password", guess), null);
            assertThat(login.status()).isEqualTo(unknown.status());
            assertThat(login.code()).isEqualTo(unknown.code());
        }
        String path = invitationLink("invited@example.jp", "created an account for you on");
        assertThat(token(path)).hasSizeGreaterThanOrEqualTo(22);

        PageClient browser = PageJourneys.browser(server);
        PageClient.Page form = browser.get(path);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.has("invitation-password")).isTrue();
        assertThat(form.body()).contains("for=\"invitation-password\"");
        assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(browser.get(path).status()).as("opening the link changes nothing").isEqualTo(200);

        PageClient.Page weak = browser.post("/invitation", Map.of("token", token(path), "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.attribute("invitation-password", "aria-invalid")).isEqualTo("true");
        assertThat(weak.has("form-error")).isTrue();
        assertThat(weak.attribute("lang-ja", "href")).startsWith("/invitation?token=" + token(path) + "&").endsWith("lang=ja");

        PageClient.Page done = browser.post("/invitation", Map.of("token", token(path), "password", PASSWORD));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.has("invitation-done")).isTrue();
        assertThat(api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null).text("status"))
                .isEqualTo("AUTHENTICATED");

        // Used once: the same link again is refused, on GET and on POST, and the password stays.
        assertThat(browser.get(path).status()).isEqualTo(410);
        browser.get("/login");
        PageClient.Page again = browser.post("/invitation", Map.of("token", token(path), "password", "another password 2"));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.has("invitation-invalid")).isTrue();
        assertThat(api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null).text("status"))
                .isEqualTo("AUTHENTICATED");

        assertThat(events(id, AuditType.INVITATION_SENT)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("by", "client:ops"));
        assertThat(events(id, AuditType.INVITATION_USED)).hasSize(1);
        assertThat(server.bean(AuditLog.class).recent(AccountId.parse(id), 100))
                .allSatisfy(e -> assertThat(e.details().values()).noneMatch(v -> v.contains(token(path))));
    }

    @Test
    void inviteWhenSentAgainThenOnlyTheNewLinkWorksAndJapaneseTextIsUsed() {
        ApiClient.Reply created = call("POST", USERS, ApiClient.json("username", "admin-reinvite", "email",
                "reinvite@example.jp", "language", "ja", "invite", true));
        String id = created.text("id");
        String first = invitationLink("reinvite@example.jp", "パスワードを決めてください");

        ApiClient.Reply again = call("POST", USERS + "/" + id + "/invitation", null);

        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(events(id, AuditType.INVITATION_SENT)).hasSize(2);
        String second = outbox.to("reinvite@example.jp").stream().map(Outbox.Item::body)
                .filter(b -> b.contains("/invitation?token=") && !b.contains(first)).findFirst()
                .map(b -> b.substring(b.indexOf("/invitation?token=")).lines().findFirst().orElseThrow().strip())
                .orElseThrow();
        PageClient browser = PageJourneys.browser(server).acceptLanguage("ja");
        PageClient.Page old = browser.get(first);
        assertThat(old.status()).isEqualTo(410);
        assertThat(old.body()).contains("この招待リンクは無効です");
        PageClient.Page form = browser.get(second);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("新しいパスワード");
        assertThat(browser.post("/invitation", Map.of("token", token(second), "password", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/login", Map.of("username", "admin-reinvite", "password", PASSWORD), null)
                .text("status")).isEqualTo("AUTHENTICATED");
    }

    @Test
    void inviteWhenNoEmailOrUnknownUserThenProblems() {
        ApiClient.Reply noEmail = call("POST", USERS, ApiClient.json("username", "admin-invite-noemail", "invite", true));
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.code()).isEqualTo("email_required");
        assertThat(call("GET", USERS + "?username=admin-invite-noemail", null).json().path("users").size()).isZero();

        ApiClient.Reply badEmail = call("POST", USERS, ApiClient.json("username", "admin-invite-bad", "email", "not-an-email",
                "invite", true));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.code()).isEqualTo("contact_invalid");

        String withoutEmail = createUser("admin-invite-phoneonly", null);
        ApiClient.Reply resend = call("POST", USERS + "/" + withoutEmail + "/invitation", null);
        assertThat(resend.status()).isEqualTo(400);
        assertThat(resend.code()).isEqualTo("email_required");

        ApiClient.Reply unknown = call("POST", USERS + "/" + UUID.randomUUID() + "/invitation", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("user_not_found");
    }

    @Test
    void invitationWhenExpiredOrUnknownThenTheSameClearPageAndNothingChanges() {
        ApiClient.Reply created = call("POST", USERS, ApiClient.json("username", "admin-invite-expired", "email",
                "expired@example.jp", "language", "en", "invite", true));
        AccountId id = AccountId.parse(created.text("id"));
        String token = "expired-token-" + UUID.randomUUID();
        java.time.Instant past = java.time.Instant.now().minus(java.time.Duration.ofDays(8));
        server.bean(dev.aikagi.core.admin.InvitationRepository.class).create(
                dev.aikagi.core.recovery.RecoveryTokens.hash(token), id, past, past.plus(java.time.Duration.ofDays(7)));

        PageClient browser = PageJourneys.browser(server);
        PageClient.Page expired = browser.get("/invitation?token=" + token);
        PageClient.Page unknown = browser.get("/invitation?token=no-such-token");
        PageClient.Page none = browser.get("/invitation");
        assertThat(List.of(expired.status(), unknown.status(), none.status())).containsOnly(410);
        assertThat(expired.text("invitation-invalid")).isEqualTo(unknown.text("invitation-invalid"));
        browser.get("/login");
        PageClient.Page post = browser.post("/invitation", Map.of("token", token, "password", PASSWORD));
        assertThat(post.status()).isEqualTo(410);
        assertThat(events(id.toString(), AuditType.INVITATION_USED)).isEmpty();
        assertThat(api.post("/api/v1/login", Map.of("username", "admin-invite-expired", "password", PASSWORD), null)
                .status()).isEqualTo(401);
    }

    @Test
    void invitationWhenManyTriesFromOneAddressThenThrottled() {
        PageClient browser = new PageClient(server.port(), "203.0.113.88");
        int status = 0;
        for (int i = 0; i < 15 && status != 429; i++) {
            browser.get("/login");
            status = browser.post("/invitation", Map.of("token", "guess-" + i, "password", PASSWORD)).status();
        }
        assertThat(status).isEqualTo(429);
        assertThat(browser.last().headers().firstValue("Retry-After")).isPresent();
    }
}
