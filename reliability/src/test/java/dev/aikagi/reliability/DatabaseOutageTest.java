package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import dev.aikagi.testkit.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Database outage: PostgreSQL stops for 10 s while API and page logins run on both nodes. While it is down,
 * every answer is a clear 503 (problem+json {@code service_unavailable} with Retry-After on the API, an
 * error page on pages), never a 500 or a stack trace; when it is back, both nodes serve again within
 * seconds without a restart, and nothing was half-done (a backup code sent during the outage is still
 * unused and works afterwards).
 */
class DatabaseOutageTest extends ClusterTestSupport {

    static final Duration OUTAGE = Duration.ofSeconds(10);

    record Sample(long atNanos, Node node, boolean page, int status, String code, boolean retryAfter, String body) {
        boolean ok() {
            return page ? status == 302 : status == 200;
        }
    }

    @Test
    void loginsWhenPostgresStopsForTenSecondsThen503WhileDownAndFullServiceSoonAfterWithoutRestart() throws Exception {
        List<Node> nodes = List.of(cluster.a, cluster.b);
        List<Accounts.Account> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(Accounts.create(new ApiClient(nodes.get(i % 2).base), "outage"));
        }
        Accounts.Account owner = Accounts.create(new ApiClient(cluster.a.base), "outage-owner");
        Accounts.enableTotp(new ApiClient(cluster.b.base), owner);
        int startsBefore = cluster.a.starts() + cluster.b.starts();

        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.size(); i++) {
                Accounts.Account user = users.get(i);
                Node node = nodes.get(i % 2);
                clients.add(threads.submit(() -> apiLogins(node, user, running, samples)));
            }
            for (Node node : nodes) {
                clients.add(threads.submit(() -> pageLogins(node, users.getFirst(), running, samples)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> okCount(samples, cluster.a) > 5 && okCount(samples, cluster.b) > 5);

            // A backup code sent while the database is down must not be used up by the failed request.
            String flowBefore = Accounts.startLogin(new ApiClient(cluster.a.base), owner, Accounts.freshAddress());
            long stopped = System.nanoTime();
            cluster.db.stop();
            await().atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> System.nanoTime() - stopped >= OUTAGE.toNanos());
            List<Sample> down = since(samples, stopped + Duration.ofSeconds(3).toNanos());
            ApiClient.Reply duringOutage = new ApiClient(cluster.b.base).post("/api/v1/login/" + flowBefore + "/verify",
                    json("method", "backup_code", "code", owner.backupCodes.getFirst()), null, Accounts.freshAddress());
            long restarted = System.nanoTime();
            cluster.db.start();
            long startedAgain = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> okSince(samples, cluster.a, startedAgain) && okSince(samples, cluster.b, startedAgain));
            long recoveredMs = (System.nanoTime() - startedAgain) / 1_000_000;
            running.set(false);
            for (Future<?> client : clients) {
                client.get();
            }

            Map<String, Integer> histogram = Race.histogram();
            samples.forEach(s -> Race.count(histogram, (s.page() ? "page " : "api ") + s.status()
                    + (s.code().isEmpty() ? "" : " " + s.code())));
            // Nothing half-done: the code sent during the outage is unused, and works now, on the other node.
            ApiClient.Reply after = new ApiClient(cluster.a.base).post("/api/v1/login/" + flowBefore + "/verify",
                    json("method", "backup_code", "code", owner.backupCodes.getFirst()), null, Accounts.freshAddress());

            List<Sample> serverErrors = samples.stream().filter(s -> s.status() == 500 || s.status() == -1
                    || s.body().contains("Exception") || s.body().contains("at dev.") || s.body().contains("at org.")).toList();
            List<Sample> notUnavailable = down.stream().filter(s -> s.status() != 503 || (!s.page()
                    && (!"service_unavailable".equals(s.code()) || !s.retryAfter()))).toList();
            Report.section("Database outage",
                    "PostgreSQL stopped for " + (restarted - stopped) / 1_000_000 + " ms during API and page logins on both nodes",
                    "answers while down (from 3 s after the stop): " + down.size() + ", not a 503 service_unavailable with Retry-After: "
                            + notUnavailable.size() + "; whole run: " + histogram,
                    "recovery time (PostgreSQL started → a successful login on both nodes): " + recoveredMs + " ms; "
                            + "backup code tried during the outage: HTTP " + duringOutage.status() + ", used afterwards: HTTP "
                            + after.status() + " (remaining " + after.json().path("remainingBackupCodes").asInt() + ")");
            assertThat(serverErrors.stream().limit(3).toList()).as("500s, broken connections or stack traces (" + serverErrors.size() + ", first 3)")
                    .isEmpty();
            assertThat(down).as("answers while the database was down").isNotEmpty();
            assertThat(notUnavailable.stream().limit(3).toList()).as("answers while down that are not a 503 with service_unavailable and "
                    + "Retry-After (" + notUnavailable.size() + ", first 3)").isEmpty();
            assertThat(duringOutage.status()).as(duringOutage.toString()).isEqualTo(503);
            assertThat(recoveredMs).as("time to full service on both nodes after PostgreSQL is back").isLessThan(15_000);
            assertThat(cluster.a.alive() && cluster.b.alive()).isTrue();
            assertThat(cluster.a.starts() + cluster.b.starts()).as("no node restarted").isEqualTo(startsBefore);
            assertThat(cluster.a.healthy() && cluster.b.healthy()).as("health UP on both nodes").isTrue();
            assertThat(after.status()).as("the backup code tried during the outage, now " + after).isEqualTo(200);
            assertThat(after.json().path("remainingBackupCodes").asInt()).isEqualTo(9);
        }
    }

    private static void apiLogins(Node node, Accounts.Account user, AtomicBoolean running, List<Sample> samples) {
        ApiClient api = new ApiClient(node.base);
        while (running.get()) {
            try {
                ApiClient.Reply r = api.post("/api/v1/login", user.credentials(), null, Accounts.freshAddress());
                boolean json = r.body().startsWith("{");
                samples.add(new Sample(System.nanoTime(), node, false, r.status(), json ? r.code() : "",
                        r.headers().firstValue("Retry-After").isPresent(), r.body()));
            } catch (Exception e) {
                samples.add(new Sample(System.nanoTime(), node, false, -1, e.getClass().getSimpleName(), false, ""));
            }
        }
    }

    private static void pageLogins(Node node, Accounts.Account user, AtomicBoolean running, List<Sample> samples) {
        while (running.get()) {
            try {
                PageClient browser = new PageClient(node.base, null); // a new visitor each time: a logged-in one is sent past the form
                browser.get(node.base, "/login");
                PageClient.Page r = browser.post(node.base, "/login", Map.of("username", user.username, "password", user.password));
                samples.add(new Sample(System.nanoTime(), node, true, r.status(), "",
                        r.headers().firstValue("Retry-After").isPresent(), r.body()));
            } catch (Exception e) {
                samples.add(new Sample(System.nanoTime(), node, true, -1, e.getClass().getSimpleName(), false, ""));
            }
        }
    }

    private static long okCount(List<Sample> samples, Node node) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.node() == node && s.ok()).count();
        }
    }

    private static boolean okSince(List<Sample> samples, Node node, long since) {
        synchronized (samples) {
            return samples.stream().anyMatch(s -> s.node() == node && s.ok() && s.atNanos() >= since);
        }
    }

    private static List<Sample> since(List<Sample> samples, long from) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.atNanos() >= from).toList();
        }
    }
}
