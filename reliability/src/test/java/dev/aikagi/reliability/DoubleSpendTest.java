package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Race;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Double-spend: in each round 2 nodes × 32 clients redeem the same one-time secret at the same moment —
 * one backup code, one TOTP step, one SMS code — and exactly one of the 64 requests may log in. Each round
 * uses a fresh account, so the per-account attempt limits of one round do not decide the next; the 64
 * requests share 8 login flows (backup code, TOTP: codes are per account, so different flows race for the
 * code) or one flow (SMS: the code is bound to the flow that asked for it). Every request claims a
 * different client address. Rounds: {@code -Dreliability.backup-rounds} (200), {@code .totp-rounds} and
 * {@code .sms-rounds} (200 each, as the issue asks).
 */
class DoubleSpendTest extends ClusterTestSupport {

    static final int CLIENTS_PER_NODE = 32;
    static final int FLOWS = 8;
    static final int SEED_THREADS = 6;

    @Test
    void backupCodeWhenSixtyFourClientsOnTwoNodesRedeemItAtOnceThenExactlyOneLogsIn() throws Exception {
        int rounds = Integer.getInteger("reliability.backup-rounds", 200);
        List<Accounts.Account> accounts = seed(rounds, "spend-b", false);
        Map<String, Integer> outcomes = Race.histogram();
        long t0 = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            Accounts.Account account = accounts.get(round);
            String code = account.backupCodes.get(round % account.backupCodes.size());
            List<String> flows = flows(account);
            Instant start = Instant.now();
            List<ApiClient.Reply> answers = race(i -> nodes[i / CLIENTS_PER_NODE].post("/api/v1/login/" + flows.get(i % FLOWS)
                    + "/verify", json("method", "backup_code", "code", code), null, Accounts.freshAddress()));
            assertExactlyOneLogin(answers, "backup-code round " + round, outcomes);
            assertThat(sessionsSince(account, start)).as("sessions opened in round " + round).isEqualTo(1);
        }
        long usedCodes = cluster.db.count("""
                select count(*) from backup_code c join backup_code_set s on s.id = c.set_id
                join account a on a.id = s.account_id where a.username like 'spend-b-%' and c.used_at is not null""");
        assertThat(usedCodes).as("backup codes marked used in the database").isEqualTo(rounds);
        report("backup code", rounds, outcomes, t0, "codes marked used in PostgreSQL: " + usedCodes);
    }

    @Test
    void totpStepWhenSixtyFourClientsOnTwoNodesSendItAtOnceThenExactlyOneLogsIn() throws Exception {
        int rounds = Integer.getInteger("reliability.totp-rounds", 200);
        List<Accounts.Account> accounts = seed(rounds, "spend-t", false);
        Map<String, Integer> outcomes = Race.histogram();
        long t0 = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            Accounts.Account account = accounts.get(round);
            List<String> flows = flows(account);
            String code = Accounts.totp(account, Accounts.currentStep());
            Instant start = Instant.now();
            List<ApiClient.Reply> answers = race(i -> nodes[i / CLIENTS_PER_NODE].post("/api/v1/login/" + flows.get(i % FLOWS)
                    + "/verify", json("method", "totp", "code", code), null, Accounts.freshAddress()));
            assertExactlyOneLogin(answers, "TOTP round " + round, outcomes);
            assertThat(sessionsSince(account, start)).as("sessions opened in round " + round).isEqualTo(1);
        }
        report("TOTP step", rounds, outcomes, t0, "");
    }

    @Test
    void smsCodeWhenSixtyFourClientsOnTwoNodesSendItAtOnceThenExactlyOneLogsIn() throws Exception {
        int rounds = Integer.getInteger("reliability.sms-rounds", 200);
        List<Accounts.Account> accounts = seed(rounds, "spend-s", true);
        Map<String, Integer> outcomes = Race.histogram();
        long t0 = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            Accounts.Account account = accounts.get(round);
            ApiClient node = nodes[round % 2];
            String flow = Accounts.startLogin(node, account, Accounts.freshAddress());
            int before = cluster.sink.size();
            expect(node.post("/api/v1/login/" + flow + "/send-code", json("method", "sms"), null, Accounts.freshAddress()),
                    202, "send-code");
            String code = cluster.sink.awaitCode(account.phone, before);
            Instant start = Instant.now();
            List<ApiClient.Reply> answers = race(i -> nodes[i / CLIENTS_PER_NODE].post("/api/v1/login/" + flow + "/verify",
                    json("method", "sms", "code", code), null, Accounts.freshAddress()));
            assertExactlyOneLogin(answers, "SMS round " + round, outcomes);
            assertThat(sessionsSince(account, start)).as("sessions opened in round " + round).isEqualTo(1);
        }
        long usedCodes = cluster.db.count("""
                select count(*) from one_time_code c join account a on a.id = c.account_id
                where a.username like 'spend-s-%' and c.purpose = 'LOGIN_SMS' and c.used_at is not null""");
        assertThat(usedCodes).as("SMS login codes marked used in the database").isEqualTo(rounds);
        report("SMS code", rounds, outcomes, t0, "login codes marked used in PostgreSQL: " + usedCodes);
    }

    interface Client {
        ApiClient.Reply call(int index) throws Exception;
    }

    private static List<ApiClient.Reply> race(Client client) throws Exception {
        List<Callable<ApiClient.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 2 * CLIENTS_PER_NODE; i++) {
            int index = i;
            calls.add(() -> client.call(index));
        }
        return Race.together(calls);
    }

    private static void assertExactlyOneLogin(List<ApiClient.Reply> answers, String round, Map<String, Integer> outcomes) {
        long logins = answers.stream().filter(r -> r.status() == 200 && "AUTHENTICATED".equals(r.text("status"))).count();
        answers.forEach(r -> Race.count(outcomes, r.outcome()));
        assertThat(answers).as(round + ": no server error").noneMatch(r -> r.status() >= 500);
        assertThat(logins).as(round + ": logins among " + answers.size() + " requests " + answers).isEqualTo(1);
    }

    /** Eight flows of the account, half started on each node (at most four password checks at once). */
    private static List<String> flows(Accounts.Account account) throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            ApiClient node = nodes[i % 2];
            calls.add(() -> Accounts.startLogin(node, account, Accounts.freshAddress()));
        }
        return Race.parallel(4, calls);
    }

    private static List<Accounts.Account> seed(int count, String prefix, boolean phone) throws Exception {
        List<Callable<Accounts.Account>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiClient node = nodes[i % 2];
            calls.add(() -> {
                Accounts.Account account = Accounts.create(node, prefix);
                if (phone) {
                    Accounts.addPhone(node, account, cluster.sink);
                } else {
                    Accounts.enableTotp(node, account);
                }
                return account;
            });
        }
        return Race.parallel(SEED_THREADS, calls);
    }

    private static long sessionsSince(Accounts.Account account, Instant start) throws Exception {
        return cluster.db.count("select count(*) from web_session w join account a on a.id = w.account_id "
                + "where a.username = ? and w.created_at >= ?", account.username, Timestamp.from(start.minusMillis(1)));
    }

    private static void report(String what, int rounds, Map<String, Integer> outcomes, long t0, String extra) {
        Report.section("Double-spend: " + what,
                "rounds " + rounds + " × " + 2 * CLIENTS_PER_NODE + " concurrent requests (" + CLIENTS_PER_NODE
                        + " per node) in " + (System.nanoTime() - t0) / 1_000_000 + " ms",
                "successes per round: exactly 1 in every round (" + outcomes.getOrDefault("200 AUTHENTICATED", 0)
                        + " in total)",
                "all answers: " + outcomes + (extra.isEmpty() ? "" : "; " + extra));
    }
}
