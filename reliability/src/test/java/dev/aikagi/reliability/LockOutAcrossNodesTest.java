package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Race;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 8: nobody can lock the owner out. While 1,000 wrong passwords for one account arrive over
 * both nodes from 250 client addresses (some with device values of their own), the owner's app, whose
 * {@code Aikagi-Device} value completed a login before, logs in with the right password and second factor
 * every few seconds, alternating nodes, from the attackers' own addresses: every try must succeed. The
 * attackers' guesses are checked no more often than {@link AttemptPolicy#DEFAULT} allows the account in the
 * time they took, and another client with the right password is refused meanwhile.
 */
class LockOutAcrossNodesTest extends ClusterTestSupport {

    static final int GUESSES = 1000;
    static final int ADDRESSES = 250;
    /** The attack is spread over about 45 s: one guess every 45 ms, 16 requests in flight at most. */
    static final Duration GUESS_INTERVAL = Duration.ofMillis(45);
    static final Duration OWNER_INTERVAL = Duration.ofSeconds(5);
    /** The owner's tries during the attack, at most: a TOTP step each 30 s, else one of the 10 backup codes. */
    static final int OWNER_TRIES = 8;

    @Test
    void wrongPasswordsWhenSpreadOverNodesAndAddressesThenOwnersKnownDeviceLogsInEveryTimeAndGuessesStayWithinPolicy()
            throws Exception {
        Accounts.Account owner = Accounts.create(nodes[0], "lockout");
        Accounts.enableTotp(nodes[1], owner);
        String device = randomDevice();
        AtomicLong lastStep = new AtomicLong(Accounts.currentStep() - 1);
        List<String> backupCodes = Collections.synchronizedList(new ArrayList<>(owner.backupCodes));
        ownerLogin(nodes[0], owner, device, Accounts.freshAddress(), lastStep, backupCodes);

        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            addresses.add(Accounts.freshAddress());
        }

        List<ApiClient.Reply> answers = Collections.synchronizedList(new ArrayList<>());
        List<String> ownerTries = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ownerFailures = new AtomicInteger();
        Instant start = Instant.now();
        try (ExecutorService workers = Executors.newFixedThreadPool(16);
             ScheduledExecutorService clock = Executors.newScheduledThreadPool(2)) {
            List<Future<?>> sent = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger scheduled = new AtomicInteger();
            CountDownLatch allSent = new CountDownLatch(1);
            ScheduledFuture<?> attack = clock.scheduleAtFixedRate(() -> {
                int i = scheduled.getAndIncrement();
                if (i >= GUESSES) {
                    allSent.countDown();
                    return;
                }
                ApiClient node = nodes[random.nextInt(2)];
                String from = addresses.get(random.nextInt(ADDRESSES));
                String own = i % 3 == 0 ? randomDevice() : null;
                String guess = json("username", owner.username, "password", "guess " + i + " " + random.nextLong());
                sent.add(workers.submit(() -> {
                    answers.add(post(node, "/api/v1/login", guess, from, own));
                    return null;
                }));
            }, 0, GUESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            AtomicInteger tries = new AtomicInteger();
            ScheduledFuture<?> ownerLoop = clock.scheduleAtFixedRate(() -> {
                int n = tries.getAndIncrement();
                if (n >= OWNER_TRIES) {
                    return;
                }
                try {
                    ownerTries.add(ownerLogin(nodes[n % 2], owner, device, addresses.get(random.nextInt(ADDRESSES)),
                            lastStep, backupCodes));
                } catch (Throwable e) {
                    ownerFailures.incrementAndGet();
                    ownerTries.add("FAILED: " + e.getMessage());
                }
            }, OWNER_INTERVAL.toMillis() / 2, OWNER_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(allSent.await(GUESS_INTERVAL.multipliedBy(GUESSES).toSeconds() * 3, TimeUnit.SECONDS))
                    .as("the attack was sent").isTrue();
            attack.cancel(false);
            for (Future<?> f : List.copyOf(sent)) {
                f.get();
            }
            // While the attackers' back-off is on, another client is refused even with the right password.
            ApiClient.Reply unknown = nodes[1].post("/api/v1/login", owner.credentials(), null, Accounts.freshAddress());
            assertThat(unknown.status()).as("an unknown client with the right password " + unknown).isEqualTo(429);
            ownerLoop.cancel(false);
        }
        Duration took = Duration.between(start, Instant.now());

        Map<String, Integer> outcomes = Race.histogram();
        answers.forEach(r -> Race.count(outcomes, r.outcome()));
        long checked = answers.stream().filter(r -> r.status() == 401).count();
        AttemptBudget budget = AttemptPolicy.DEFAULT.forAccount(FactorKind.PASSWORD);
        int allowed = RateLimitAcrossNodesTest.mostFailuresAllowedWithin(budget, took);
        assertThat(answers).hasSize(GUESSES);
        assertThat(answers).as("no server error").noneMatch(r -> r.status() >= 500);
        assertThat(answers).as("every guess was either checked and wrong, or refused by the limit")
                .allMatch(r -> (r.status() == 401 && "invalid_credentials".equals(r.code()))
                        || (r.status() == 429 && r.headers().firstValue("Retry-After").isPresent()));
        assertThat(checked).as("guesses checked, of " + GUESSES + " (policy allows " + allowed + " in " + took + ")")
                .isBetween((long) budget.freeFailures(), (long) allowed);
        assertThat(ownerTries).as("the owner's tries during the attack").hasSizeGreaterThanOrEqualTo(5);
        assertThat(ownerFailures.get()).as("owner's failed tries: " + ownerTries).isZero();

        Report.section("Lock-out (issue 14: known device keeps its own budget, seed " + seed + ")",
                "wrong passwords sent: " + GUESSES + " over 2 nodes and " + ADDRESSES + " client addresses (a third with"
                        + " device values of their own), in " + took.toMillis() + " ms",
                "guesses checked (allowed by the policy in that time): " + checked + " (" + allowed + "); answers "
                        + outcomes,
                "owner's known device, password + second factor from the attackers' addresses: " + ownerTries.size()
                        + " tries, " + (ownerTries.size() - ownerFailures.get()) + " logged in " + ownerTries,
                "another client with the right password during the attack: 429");
    }

    /** Password and second factor from the owner's app: TOTP when a fresh step is there, else a backup code. */
    private static String ownerLogin(ApiClient node, Accounts.Account owner, String device, String from, AtomicLong lastStep,
                                     List<String> backupCodes) throws Exception {
        ApiClient.Reply password = expect(post(node, "/api/v1/login", owner.credentials(), from, device), 200,
                "owner's password from the known device");
        assertThat(password.text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        long step = Accounts.currentStep();
        String body;
        String method;
        if (step > lastStep.get()) {
            lastStep.set(step);
            method = "totp";
            body = json("method", "totp", "code", Accounts.totp(owner, step));
        } else {
            method = "backup_code";
            body = json("method", "backup_code", "code", backupCodes.removeFirst());
        }
        ApiClient.Reply verified = expect(post(node, "/api/v1/login/" + password.text("flowId") + "/verify", body, from,
                device), 200, "owner's " + method + " from the known device");
        assertThat(verified.text("status")).isEqualTo("AUTHENTICATED");
        return method;
    }

    private static ApiClient.Reply post(ApiClient node, String path, String json, String from, String device) throws Exception {
        HttpRequest.Builder request = node.request(path, null, from).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (device != null) {
            request.header("Aikagi-Device", device);
        }
        return ApiClient.send(request.build());
    }

    private static String randomDevice() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
