package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Race;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Crash safety: a node is killed with SIGKILL at a random moment while it is getting new backup codes,
 * taking recovery steps and sending login codes; it restarts while the other node takes the next kill.
 * Afterwards every account has exactly one complete set of backup codes, which the API shows and which
 * logs in; no recovery is half-completed; and every message committed to the queue is sent (a message
 * claimed by a killed node is sent by a live one once the claim lapses, {@code Deliveries.LEASE}).
 *
 * <p>{@code -Dreliability.kills} (default 50, the figure) and {@code -Dreliability.seed}
 * (printed, for replaying the kill points).
 */
class CrashSafetyTest extends ClusterTestSupport {

    static final Duration MESSAGE_LEASE = Duration.ofSeconds(60);

    /** An account whose owner asks for new backup codes again and again, and the sets they received. */
    record CodesOwner(Accounts.Account account, List<List<String>> received) {
    }

    @Test
    void nodesWhenKilledAtRandomPointsThenOneCompleteCodeSetPerAccountNoHalfRecoveryAndEveryMessageSent()
            throws Exception {
        int kills = Integer.getInteger("reliability.kills", 50);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("CrashSafetyTest seed " + seed + " (replay with -Dreliability.seed=" + seed + ")");

        ApiClient[] seeders = {new ApiClient(cluster.a.base), new ApiClient(cluster.b.base)};
        List<CodesOwner> owners = new ArrayList<>();
        for (Accounts.Account account : seed(4, "crash-codes", seeders)) {
            owners.add(new CodesOwner(account, Collections.synchronizedList(new ArrayList<>(List.of(account.backupCodes)))));
        }
        java.util.Queue<Accounts.Account> recovering = new java.util.concurrent.ConcurrentLinkedQueue<>(
                seed(2 * kills, "crash-recovery", seeders));
        List<Accounts.Account> texting = seed(40, "crash-sms", seeders);
        java.util.concurrent.atomic.AtomicInteger nextTexter = new java.util.concurrent.atomic.AtomicInteger();

        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<Long> restartMs = Collections.synchronizedList(new ArrayList<>());
        List<Long> killDelays = new ArrayList<>();
        List<Future<?>> restarts = new ArrayList<>();
        long t0 = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int kill = 0; kill < kills; kill++) {
                Node victim = kill % 2 == 0 ? cluster.a : cluster.b;
                victim.awaitHealthy(Cluster.START_TIMEOUT);
                ApiClient api = new ApiClient(victim.base);
                // Each client works on the victim until the connection breaks.
                List<Future<?>> work = new ArrayList<>();
                CodesOwner owner = owners.get(kill % owners.size());
                for (int i = 0; i < 2; i++) {
                    work.add(threads.submit(() -> {
                        while (newCodes(api, owner, outcomes)) {
                            // again
                        }
                    }));
                }
                work.add(threads.submit(() -> {
                    Accounts.Account next;
                    while ((next = recovering.poll()) != null && recover(api, next, outcomes)) {
                        // the next account's recovery
                    }
                }));
                work.add(threads.submit(() -> {
                    while (textLoginCode(api, texting.get(nextTexter.getAndIncrement() % texting.size()), outcomes)) {
                        // the next account's login code
                    }
                }));
                long delay = 200 + random.nextInt(2300);
                killDelays.add(delay);
                await().pollDelay(Duration.ofMillis(delay)).atMost(Duration.ofSeconds(5)).until(() -> true);
                victim.kill();
                for (Future<?> f : work) {
                    f.get();
                }
                restarts.add(threads.submit(() -> {
                    long start = System.nanoTime();
                    victim.start();
                    victim.awaitHealthy(Cluster.START_TIMEOUT);
                    restartMs.add((System.nanoTime() - start) / 1_000_000);
                    return null;
                }));
            }
            for (Future<?> restart : restarts) {
                restart.get();
            }
        }
        long killPhaseMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(cluster.a.healthy() && cluster.b.healthy()).as("both nodes healthy after the restarts").isTrue();

        // 1. Backup codes: one current set per account, every set complete, in PostgreSQL and through the API.
        assertThat(cluster.db.query("""
                select account_id, count(*) from backup_code_set where replaced_at is null
                group by account_id having count(*) <> 1""")).as("accounts with other than one current set").isEmpty();
        assertThat(cluster.db.query("""
                select s.id, count(c.id) from backup_code_set s left join backup_code c on c.set_id = s.id
                group by s.id having count(c.id) <> 10""")).as("sets with other than 10 codes").isEmpty();
        assertThat(cluster.db.query("""
                select a.username from account a where a.username like 'crash-%'
                and not exists (select 1 from backup_code_set s where s.account_id = a.id and s.replaced_at is null)"""))
                .as("accounts left without a current set").isEmpty();
        int setsReceived = 0;
        for (CodesOwner owner : owners) {
            setsReceived += checkCodesThroughApi(owner);
        }

        // 2. Recovery: a completed case has ended the old sessions and issued the new codes; no case is both
        // completed and cancelled, or completed without enough proof.
        assertThat(cluster.db.query("""
                select r.id from recovery_case r where r.completed_at is not null and (r.waiting_until is null
                or r.cancelled_at is not null or r.password_proven_at is null or r.sms_proven_at is null)"""))
                .as("completed recoveries without their proofs, or also cancelled").isEmpty();
        assertThat(cluster.db.query("""
                select r.id from recovery_case r join web_session w on w.account_id = r.account_id
                where r.completed_at is not null and w.created_at < r.completed_at"""))
                .as("sessions that a completed recovery should have ended").isEmpty();
        // (A millisecond of slack: the case and the set take the same instant, written by different statements.)
        List<List<Object>> withoutNewCodes = cluster.db.query("""
                select r.id, a.username, r.created_at, r.completed_at,
                       (select max(s.created_at) from backup_code_set s where s.account_id = r.account_id and s.replaced_at is null),
                       (select count(*) from web_session w where w.account_id = r.account_id),
                       (select count(*) from audit_event e where e.account_id = r.account_id and e.type = 'RECOVERY_COMPLETED')
                from recovery_case r join account a on a.id = r.account_id where r.completed_at is not null and not exists (
                select 1 from backup_code_set s where s.account_id = r.account_id and s.replaced_at is null
                and s.created_at >= r.completed_at - interval '1 millisecond')""");
        long completed = cluster.db.count("select count(*) from recovery_case where completed_at is not null");

        // 3. Deliveries: every one committed to the queue is sent, by one node or another.
        long waitStart = System.nanoTime();
        await().atMost(MESSAGE_LEASE.plusSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.db.count("select count(*) from message_queue where state <> 'SENT'") == 0);
        long messagesWaitMs = (System.nanoTime() - waitStart) / 1_000_000;
        Set<String> queued = new HashSet<>();
        for (List<Object> row : cluster.db.query("select id::text from message_queue")) {
            queued.add((String) row.getFirst());
        }
        assertThat(cluster.sink.messageIds()).as("messages the gateway received").containsAll(queued);

        Report.section("Crash safety (SIGKILL), seed " + seed,
                "kills done: " + kills + " (alternating nodes A and B, " + (cluster.a.starts() + cluster.b.starts())
                        + " node starts in this JVM) in " + killPhaseMs + " ms; kill points (ms after the requests began): "
                        + killDelays,
                "restart to healthy, ms: " + restartMs,
                "requests during the kills: " + new java.util.TreeMap<>(outcomes),
                "backup codes: every account has one current set of 10 (" + setsReceived + " new sets received by "
                        + owners.size() + " owners; the current one shown and logging in through the API)",
                "recoveries completed: " + completed + "; half-applied (completed without new backup codes): "
                        + withoutNewCodes.size(),
                "messages queued: " + queued.size() + ", all sent and received (" + messagesWaitMs
                        + " ms waited for claims of killed nodes to lapse)");
        assertThat(withoutNewCodes).as("completed recoveries without their new backup codes [id, username, created, "
                + "completed, current set created, sessions, completion audited]").isEmpty();
    }

    private static int checkCodesThroughApi(CodesOwner owner) throws Exception {
        ApiClient api = new ApiClient(cluster.a.base);
        Accounts.Account account = owner.account();
        String flow = Accounts.startLogin(api, account, Accounts.freshAddress());
        String token = expect(api.post("/api/v1/login/" + flow + "/verify", json("method", "totp", "code",
                Accounts.totp(account, Accounts.currentStep())), null, Accounts.freshAddress()), 200, "TOTP login").text("sessionToken");
        JsonNode status = expect(api.get("/api/v1/me/backup-codes", token, null), 200, "code status").json();
        assertThat(status.path("total").asInt()).isEqualTo(10);
        JsonNode shown = expect(api.post("/api/v1/me/backup-codes/reveal", json("password", account.password), token, null),
                200, "reveal").json();
        List<String> current = new ArrayList<>();
        shown.path("codes").forEach(c -> current.add(c.path("code").asString()));
        assertThat(current).hasSize(10).doesNotContainNull();
        // The current set logs in (on the other node); the newest set received and since replaced does not (the
        // server names the last BackupCodes.REMEMBERED_REPLACED_SETS sets as replaced).
        flow = Accounts.startLogin(api, account, Accounts.freshAddress());
        ApiClient b = new ApiClient(cluster.b.base);
        List<List<String>> newestFirst = new ArrayList<>(owner.received());
        Collections.reverse(newestFirst);
        for (List<String> set : newestFirst) {
            if (!set.equals(current)) {
                ApiClient.Reply old = b.post("/api/v1/login/" + flow + "/verify", json("method", "backup_code", "code",
                        set.getLast()), null, Accounts.freshAddress());
                assertThat(old.status()).as("a replaced set's code " + old).isEqualTo(401);
                assertThat(old.code()).isEqualTo("code_from_replaced_set");
                break; // one is enough; more would run into the attempt limit
            }
        }
        ApiClient.Reply login = expect(b.post("/api/v1/login/" + flow + "/verify", json("method", "backup_code", "code",
                current.getFirst()), null, Accounts.freshAddress()), 200, "current set's code");
        assertThat(login.text("status")).isEqualTo("AUTHENTICATED");
        return owner.received().size() - 1;
    }

    /** One request for new codes; false once the node is gone. */
    private static boolean newCodes(ApiClient api, CodesOwner owner, Map<String, Integer> outcomes) {
        try {
            ApiClient.Reply r = api.post("/api/v1/me/backup-codes", json("password", owner.account().password),
                    owner.account().token, Accounts.freshAddress());
            count(outcomes, "new codes " + r.status());
            if (r.status() == 201) {
                owner.received().add(ApiClient.strings(r.json().path("codes")));
            }
            return true;
        } catch (UncheckedIOException killed) {
            count(outcomes, "new codes: connection lost");
            return false;
        }
    }

    /** Start, send a code by SMS, prove it and the password, complete: as far as the node lives. */
    private static boolean recover(ApiClient api, Accounts.Account account, Map<String, Integer> outcomes) {
        String step = "start";
        try {
            String from = Accounts.freshAddress();
            ApiClient.Reply started = api.post("/api/v1/recovery", json("username", account.username), null, from);
            String id = started.text("recoveryId");
            String token = started.text("recoveryToken");
            step = "send-code";
            int before = cluster.sink.size();
            expect(api.recovery("/api/v1/recovery/" + id + "/send-code", json("channel", "sms"), token, from), 202, "send");
            step = "code";
            String code = await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                    .until(() -> cluster.sink.latestCode(account.phone, before), java.util.Optional::isPresent).orElseThrow();
            step = "verify-sms";
            expect(api.recovery("/api/v1/recovery/" + id + "/verify", json("channel", "sms", "code", code), token, from), 200,
                    "sms");
            step = "verify-password";
            expect(api.recovery("/api/v1/recovery/" + id + "/verify", json("channel", "password", "password",
                    account.password), token, from), 200, "password");
            step = "complete";
            ApiClient.Reply done = api.recovery("/api/v1/recovery/" + id + "/complete", "{}", token, from);
            count(outcomes, "recovery complete " + done.status());
            return true;
        } catch (UncheckedIOException | org.awaitility.core.ConditionTimeoutException killed) {
            count(outcomes, "recovery: connection lost at " + step);
            return false;
        } catch (AssertionError refused) {
            count(outcomes, "recovery: refused at " + step);
            return true;
        }
    }

    private static boolean textLoginCode(ApiClient api, Accounts.Account account, Map<String, Integer> outcomes) {
        try {
            String from = Accounts.freshAddress();
            String flow = Accounts.startLogin(api, account, from);
            ApiClient.Reply sent = api.post("/api/v1/login/" + flow + "/send-code", json("method", "sms"), null, from);
            count(outcomes, "sms send-code " + sent.status());
            return true;
        } catch (UncheckedIOException killed) {
            count(outcomes, "sms: connection lost");
            return false;
        } catch (AssertionError refused) {
            count(outcomes, "sms: login refused");
            return true;
        }
    }

    private static void count(Map<String, Integer> outcomes, String key) {
        outcomes.merge(key, 1, Integer::sum);
    }

    private static List<Accounts.Account> seed(int count, String prefix, ApiClient[] nodes) throws Exception {
        boolean totp = prefix.equals("crash-codes");
        List<Callable<Accounts.Account>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiClient node = nodes[i % 2];
            calls.add(() -> {
                Accounts.Account account = Accounts.create(node, prefix);
                if (totp) {
                    Accounts.enableTotp(node, account);
                } else {
                    Accounts.addPhone(node, account, cluster.sink);
                }
                return account;
            });
        }
        return Race.parallel(6, calls);
    }
}
