package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.ApiClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 8, "Recovery hijack": a recovery belongs to the client that started it. Three recoveries —
 * completed, ready to complete (the cluster's waiting period is 0) and still needing proof — leave their ids in
 * the audit log, which support agents read and export. Every recovery id and every value of the
 * accounts' audit records (the rows the export is made of: id, time, type, account, client address and each
 * detail) is tried on both nodes against {@code GET /api/v1/recovery/{id}}, {@code /verify} and {@code /complete}:
 * as the token of each recovery id, with no token at all, and each id-shaped value as an id. None is accepted;
 * the holders' own tokens still work afterwards.
 */
class RecoveryHijackAcrossNodesTest extends ClusterTestSupport {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void auditedRecoveryIdsAndValuesWhenTriedOnBothNodesThenNoneIsAccepted() throws Exception {
        // Two accounts: a code is sent by SMS at most every 30 s per username.
        Accounts.Account first = Accounts.create(a, "hijack");
        Accounts.addPhone(a, first, cluster.sink);
        Accounts.Account owner = Accounts.create(b, "hijack");
        Accounts.addPhone(b, owner, cluster.sink);
        String[] completed = start(a, first);
        prove(b, first, completed);
        expect(a.recovery(path(completed, "/complete"), "{}", completed[1], Accounts.freshAddress()), 200, "complete");
        String[] ready = start(b, owner);
        prove(a, owner, ready);
        String[] open = start(a, owner);

        // The accounts' audit records, as the export shows them, and every value in them.
        Set<String> values = new LinkedHashSet<>();
        for (List<Object> row : cluster.db.query("""
                select id, at, type, account_id, client_address, details from audit_event
                where account_id in (select id from account where username in (?, ?))""", first.username,
                owner.username)) {
            for (Object column : row) {
                if (column != null) {
                    values.add(column.toString());
                    for (String part : column.toString().split("[{}\",:;= ]+")) {
                        values.add(part);
                    }
                }
            }
        }
        values.removeIf(v -> !v.matches("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?")); // what a header can carry
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values) {
            Matcher uuid = UUID_TEXT.matcher(value);
            while (uuid.find()) {
                ids.add(uuid.group());
            }
        }
        assertThat(ids).contains(completed[0], ready[0], open[0]);
        for (String token : List.of(completed[1], ready[1], open[1])) {
            assertThat(values).as("a recovery token in the audit log").doesNotContain(token);
        }

        long t0 = System.nanoTime();
        List<String> tokens = new ArrayList<>(values);
        tokens.add(null);
        Set<String> recoveryIds = Set.of(completed[0], ready[0], open[0]);
        List<java.util.concurrent.Callable<List<String>>> tries = new ArrayList<>();
        for (String id : ids) {
            // Each value as the token of a recovery's id; other ids with no token and with themselves.
            for (String token : recoveryIds.contains(id) ? tokens : java.util.Arrays.asList(null, id)) {
                for (ApiClient node : List.of(a, b)) {
                    tries.add(() -> refusedOrNot(node, id, token, owner.password));
                }
            }
        }
        // Eight clients at once: seconds, not minutes, on two busy cores.
        List<String> accepted = new ArrayList<>();
        try (var clients = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (var outcome : clients.invokeAll(tries)) {
                accepted.addAll(outcome.get());
            }
        }
        int tried = tries.size() * 3;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Report.section("Recovery hijack", "recovery ids in two accounts' audit records: " + recoveryIds.size()
                        + " (completed, ready, needing proof); other ids: " + (ids.size() - recoveryIds.size())
                        + "; values: " + values.size(),
                "tried on both nodes against GET, verify and complete: " + tried + " requests in " + ms + " ms, "
                        + accepted.size() + " accepted");
        assertThat(accepted).as("tries that were not refused").isEmpty();
        assertThat(tried).isGreaterThan(300);

        // The holders still can, on either node.
        assertThat(expect(b.recovery("/api/v1/recovery/" + open[0], null, open[1], null), 200, "open case")
                .text("state")).isEqualTo("NEEDS_MORE_PROOF");
        expect(b.recovery(path(ready, "/complete"), "{}", ready[1], Accounts.freshAddress()), 200, "ready case");
    }

    /** GET, verify and complete with this id and token on this node: what was not refused as an unknown id. */
    private static List<String> refusedOrNot(ApiClient node, String id, String token, String password) throws Exception {
        String from = Accounts.freshAddress();
        List<String> accepted = new ArrayList<>();
        for (ApiClient.Reply reply : List.of(
                node.recovery("/api/v1/recovery/" + id, null, token, from),
                node.recovery("/api/v1/recovery/" + id + "/verify", json("channel", "password", "password", password),
                        token, from),
                node.recovery("/api/v1/recovery/" + id + "/complete", "{}", token, from))) {
            if (reply.status() != 404 || !"recovery_not_found".equals(reply.code())) {
                accepted.add(id + " with " + token + ": " + reply);
            }
        }
        return accepted;
    }

    /** {id, token} of a recovery just started for the account. */
    private static String[] start(ApiClient node, Accounts.Account owner) throws Exception {
        ApiClient.Reply started = expect(node.post("/api/v1/recovery", json("username", owner.username), null,
                Accounts.freshAddress()), 202, "start");
        String id = started.text("recoveryId");
        UUID.fromString(id);
        return new String[] {id, started.text("recoveryToken")};
    }

    /** A code by SMS and the password: the case is ready (waiting period 0). */
    private static void prove(ApiClient node, Accounts.Account owner, String[] recovery) throws Exception {
        String from = Accounts.freshAddress();
        int before = cluster.sink.size();
        expect(node.recovery(path(recovery, "/send-code"), json("channel", "sms"), recovery[1], from), 202, "send");
        String code = cluster.sink.awaitCode(owner.phone, before);
        expect(node.recovery(path(recovery, "/verify"), json("channel", "sms", "code", code), recovery[1], from), 200,
                "sms");
        ApiClient.Reply proven = expect(node.recovery(path(recovery, "/verify"), json("channel", "password", "password",
                owner.password), recovery[1], from), 200, "password");
        assertThat(proven.text("state")).isEqualTo("READY");
    }

    private static String path(String[] recovery, String step) {
        return "/api/v1/recovery/" + recovery[0] + step;
    }
}
