package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.SoftwarePasskey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 on two nodes: a passkey added, then used as the second step and as a login of its own, with every step on
 * the other node than the step before. The challenges live in the database, are bound to their flow or session and
 * are used once on whichever node the answer reaches; a replayed answer is refused on the other node.
 */
class PasskeyAcrossNodesTest extends ClusterTestSupport {

    /** The nodes' public URL is the default http://localhost:8080 (development mode): RP id localhost. */
    private static final String ORIGIN = "http://localhost:8080";

    private static String body(Map<String, Object> fields) {
        return ApiClient.JSON.writeValueAsString(fields);
    }

    private static ApiClient.Reply verify(ApiClient node, String flowId, JsonNode credential) {
        return node.post("/api/v1/login/" + flowId + "/verify", body(Map.of("method", "passkey", "credential",
                credential)), null, Accounts.freshAddress());
    }

    @Test
    void passkeyLoginWhenEveryStepChangesNodeThenEachNodeContinuesTheOthersCeremony() throws Exception {
        Accounts.Account owner = Accounts.create(a, "passkey");
        SoftwarePasskey passkey = new SoftwarePasskey(ORIGIN, "localhost");

        // Registration: options from A, the answer to B, with the session from A.
        JsonNode creation = expect(a.post("/api/v1/me/passkeys", "{}", owner.token, null), 200, "options on A").json();
        ApiClient.Reply added = expect(b.post("/api/v1/me/passkeys/confirm", body(Map.of("credential",
                passkey.register(creation), "name", "key")), owner.token, null), 201, "confirm on B");
        assertThat(ApiClient.strings(added.json().path("backupCodes").path("codes"))).hasSize(10);

        // Second step: password on A, options on B, the assertion on A.
        String flow = Accounts.startLogin(a, owner, Accounts.freshAddress());
        JsonNode request = expect(b.post("/api/v1/login/" + flow + "/passkey", "{}", null, Accounts.freshAddress()), 200,
                "request options on B").json();
        ApiClient.Reply second = expect(verify(a, flow, passkey.login(request)), 200, "assertion on A");
        assertThat(ApiClient.strings(second.json().path("amr"))).containsExactly("pwd", "hwk", "user");
        assertThat(expect(b.get("/api/v1/me", second.text("sessionToken"), null), 200, "me on B").text("assurance"))
                .isEqualTo("AAL2");

        // A passkey alone: started on B, answered on A; the same answer again on B is refused.
        ApiClient.Reply started = expect(b.post("/api/v1/login/passkey", "{}", null, Accounts.freshAddress()), 200,
                "passkey login started on B");
        JsonNode answer = passkey.login(started.json().path("publicKey"));
        ApiClient.Reply alone = expect(verify(a, started.text("flowId"), answer), 200, "passkey alone on A");
        assertThat(ApiClient.strings(alone.json().path("amr"))).containsExactly("hwk", "user", "mfa");
        assertThat(verify(b, started.text("flowId"), answer).status()).as("the finished flow on B").isEqualTo(410);
        ApiClient.Reply other = expect(a.post("/api/v1/login/passkey", "{}", null, Accounts.freshAddress()), 200,
                "another passkey login on A");
        ApiClient.Reply replayed = verify(b, other.text("flowId"), answer);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(401);
        assertThat(replayed.code()).isEqualTo("passkey_invalid");

        JsonNode listed = expect(a.get("/api/v1/me/passkeys", owner.token, null), 200, "list on A").json();
        assertThat(listed.path("passkeys").get(0).path("lastUsedAt").asString()).isNotEmpty();
        Report.section("Two nodes, one passkey", "API: a passkey registered across nodes, then a second step and a"
                + " passkey-alone login each started on one node and finished on the other; a replayed answer refused"
                + " on the other node: OK");
    }
}
