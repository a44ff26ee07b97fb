package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL: every step of a login and of the settings that follow it goes to the other
 * node than the step before — password on A, code on B, settings on B with the session from A, and so on.
 */
class TwoNodeJourneyTest extends ClusterTestSupport {

    @Test
    void apiLoginWhenEveryStepChangesNodeThenEachNodeContinuesTheOthersFlowAndSession() throws Exception {
        Accounts.Account owner = Accounts.create(a, "journey");
        Accounts.enableTotp(b, owner); // the session from A, used on B
        assertThat(owner.backupCodes).hasSize(10);
        Accounts.addPhone(a, owner, cluster.sink);

        // TOTP: password on A, code on B.
        String flow = Accounts.startLogin(a, owner, Accounts.freshAddress());
        ApiClient.Reply verified = expect(b.post("/api/v1/login/" + flow + "/verify",
                json("method", "totp", "code", Accounts.totp(owner, Accounts.currentStep())), null, Accounts.freshAddress()),
                200, "TOTP on B for a flow started on A");
        assertThat(verified.text("status")).isEqualTo("AUTHENTICATED");
        String token = verified.text("sessionToken");

        // Settings on A with the session from B, then on B.
        assertThat(expect(a.get("/api/v1/me", token, null), 200, "me on A").text("username")).isEqualTo(owner.username);
        ApiClient.Reply fresh = expect(a.post("/api/v1/me/backup-codes", json("password", owner.password), token, null), 201,
                "new backup codes on A");
        var newCodes = ApiClient.strings(fresh.json().path("codes"));
        var status = expect(b.get("/api/v1/me/backup-codes", token, null), 200, "backup-code status on B").json();
        assertThat(status.path("total").asInt()).isEqualTo(10);
        assertThat(status.path("remaining").asInt()).isEqualTo(10);

        // Backup code: password on B, an old code refused on A, a new code accepted on A.
        flow = Accounts.startLogin(b, owner, Accounts.freshAddress());
        ApiClient.Reply old = a.post("/api/v1/login/" + flow + "/verify", json("method", "backup_code", "code",
                owner.backupCodes.getFirst()), null, Accounts.freshAddress());
        assertThat(old.status()).as(old.toString()).isEqualTo(401);
        assertThat(old.code()).isEqualTo("code_from_replaced_set");
        verified = expect(a.post("/api/v1/login/" + flow + "/verify", json("method", "backup_code", "code",
                newCodes.getFirst()), null, Accounts.freshAddress()), 200, "new backup code on A");
        assertThat(verified.json().path("remainingBackupCodes").asInt()).isEqualTo(9);
        String second = verified.text("sessionToken");

        // SMS: password on A, code sent by B, verified on A.
        flow = Accounts.startLogin(a, owner, Accounts.freshAddress());
        int before = cluster.sink.size();
        expect(b.post("/api/v1/login/" + flow + "/send-code", json("method", "sms"), null, Accounts.freshAddress()), 202,
                "send-code on B");
        String code = cluster.sink.awaitCode(owner.phone, before);
        verified = expect(a.post("/api/v1/login/" + flow + "/verify", json("method", "sms", "code", code), null,
                Accounts.freshAddress()), 200, "SMS code on A");
        assertThat(verified.text("status")).isEqualTo("AUTHENTICATED");

        // Logging out on B ends the session on A too.
        expect(b.post("/api/v1/logout", "{}", second, null), 204, "logout on B");
        assertThat(a.get("/api/v1/me", second, null).status()).isEqualTo(401);
        assertThat(a.get("/api/v1/me", token, null).status()).isEqualTo(200);
        Report.section("Two nodes, one login", "API: TOTP, backup-code and SMS logins each started on one node and "
                + "finished on the other; settings and logout across nodes: OK");
    }

    @Test
    void pageLoginWhenPasswordOnAAndCodeOnBThenSettingsOpenOnBothNodes() throws Exception {
        Accounts.Account owner = Accounts.create(b, "pages");
        Accounts.enableTotp(b, owner);
        PageClient browser = new PageClient(cluster.a.base, null);

        assertThat(browser.get(cluster.a.base, "/login").status()).isEqualTo(200);
        PageClient.Page password = browser.post(cluster.a.base, "/login",
                Map.of("username", owner.username, "password", owner.password));
        assertThat(password.status()).as(password.body()).isEqualTo(302);
        assertThat(password.location()).isEqualTo("/login/challenge");

        PageClient.Page challenge = browser.get(cluster.b.base, "/login/challenge");
        assertThat(challenge.status()).isEqualTo(200);
        PageClient.Page code = browser.post(cluster.b.base, "/login/challenge",
                Map.of("code", Accounts.totp(owner, Accounts.currentStep())));
        assertThat(code.status()).as(code.body()).isEqualTo(302);
        assertThat(code.location()).isEqualTo("/settings");

        PageClient.Page settingsOnB = browser.get(cluster.b.base, "/settings");
        PageClient.Page settingsOnA = browser.get(cluster.a.base, "/settings");
        assertThat(settingsOnB.status()).isEqualTo(200);
        assertThat(settingsOnA.status()).isEqualTo(200);
        assertThat(settingsOnA.body()).contains(owner.username);
        Report.section("Two nodes, one browser", "pages: password on A, code on B, settings on B and A: OK");
    }

    /** Issue 17: a trusted-device login that changes node at every step, and its removal seen by the other node. */
    @Test
    void trustedDeviceLoginWhenEveryStepChangesNodeThenRememberedOnOneAndHonouredOnTheOther() {
        Accounts.Account owner = Accounts.create(a, "trusted");
        Accounts.enableTotp(b, owner);
        String device = "reliability-app-" + owner.username + "-7f3a9c2e51d04b86";

        // Password on A, the app's code on B asking to remember the app.
        String flow = expect(withDevice(a, "/api/v1/login", owner.credentials(), null, device), 200, "password on A")
                .text("flowId");
        ApiClient.Reply verified = expect(withDevice(b, "/api/v1/login/" + flow + "/verify", "{\"method\":\"totp\",\"code\":\""
                + Accounts.totp(owner, Accounts.currentStep()) + "\",\"rememberDevice\":true}", null, device), 200,
                "TOTP on B, remembered");
        assertThat(verified.json().path("deviceRemembered").asBoolean()).isTrue();

        // The next login on A skips the second step; the device is listed on B with its last use.
        ApiClient.Reply trusted = expect(withDevice(a, "/api/v1/login", owner.credentials(), null, device), 200,
                "trusted login on A");
        assertThat(trusted.text("status")).isEqualTo("AUTHENTICATED");
        assertThat(trusted.json().path("amr").toString()).isEqualTo("[\"pwd\",\"swk\"]");
        String token = trusted.text("sessionToken");
        ApiClient.Reply list = expect(b.get("/api/v1/me/devices", token, null), 200, "devices on B");
        assertThat(list.json().size()).isEqualTo(1);

        // Removed on B: A asks for the second step again.
        String id = list.json().get(0).path("id").asString();
        expect(ApiClient.send(b.request("/api/v1/me/devices/" + id, token, null).DELETE().build()), 204,
                "remove on B");
        assertThat(expect(withDevice(a, "/api/v1/login", owner.credentials(), null, device), 200, "login on A")
                .text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        Report.section("Two nodes, one trusted device", "API: remembered on B after a password on A, honoured on A,"
                + " listed and removed on B, asked again on A: OK");
    }

    private static ApiClient.Reply withDevice(ApiClient node, String path, String jsonBody, String token,
                                              String device) {
        return ApiClient.send(node.request(path, token, Accounts.freshAddress())
                .header("Content-Type", "application/json").header("Aikagi-Device", device)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }
}
