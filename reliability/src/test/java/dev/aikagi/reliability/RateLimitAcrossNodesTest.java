package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rate limits hold across nodes: someone who has the password sends 1,000 wrong backup codes, spread over
 * both nodes, 20 login flows and 250 client addresses, 16 at a time. The per-account budget (shared in
 * PostgreSQL) must let no more of them be checked than {@link AttemptPolicy#DEFAULT} allows in the time
 * they took; afterwards the owner logs in with the authenticator app at once, and with a backup code when
 * the back-off has passed.
 */
class RateLimitAcrossNodesTest extends ClusterTestSupport {

    static final int GUESSES = 1000;
    static final int ADDRESSES = 250;
    static final int FLOWS = 20;

    @Test
    void wrongBackupCodesWhenSpreadOverNodesAndAddressesThenNoMoreChecksThanThePolicyAndTheOwnerStillLogsIn()
            throws Exception {
        Accounts.Account owner = Accounts.create(nodes[0], "limits");
        Accounts.enableTotp(nodes[1], owner);
        assertForwardedAddressesAreTrusted(owner);

        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            addresses.add(Accounts.freshAddress());
        }
        List<String> flows = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            flows.add(Accounts.startLogin(nodes[i % 2], owner, addresses.get(i)));
        }
        Set<String> owned = new HashSet<>(owner.backupCodes.stream().map(c -> c.replace(" ", "")).toList());
        List<Callable<ApiClient.Reply>> guesses = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
            String guess;
            do {
                guess = String.format("%08d", random.nextInt(100_000_000));
            } while (owned.contains(guess));
            String code = guess;
            ApiClient node = nodes[random.nextInt(2)];
            String flow = flows.get(random.nextInt(FLOWS));
            String from = addresses.get(random.nextInt(ADDRESSES));
            guesses.add(() -> node.post("/api/v1/login/" + flow + "/verify", json("method", "backup_code", "code", code),
                    null, from));
        }
        Instant start = Instant.now();
        List<ApiClient.Reply> answers = Race.parallel(16, guesses);
        Duration took = Duration.between(start, Instant.now());

        Map<String, Integer> outcomes = Race.histogram();
        answers.forEach(r -> Race.count(outcomes, r.outcome()));
        long checked = answers.stream().filter(r -> r.status() == 401).count();
        AttemptBudget budget = AttemptPolicy.DEFAULT.forAccount(FactorKind.BACKUP_CODE);
        int allowed = mostFailuresAllowedWithin(budget, took);
        assertThat(answers).as("no server error").noneMatch(r -> r.status() >= 500);
        assertThat(answers).as("every guess was either checked and wrong, or refused by the limit")
                .allMatch(r -> (r.status() == 401 && "code_invalid".equals(r.code()))
                        || (r.status() == 429 && r.headers().firstValue("Retry-After").isPresent()));
        assertThat(checked).as("guesses checked, of " + GUESSES + " (policy allows " + allowed + " in " + took + ")")
                .isBetween((long) budget.freeFailures(), (long) allowed);

        // The owner is not locked out: the authenticator app works at once (from the owner's own address)...
        Instant retryAt = answers.stream().filter(r -> r.status() == 429).map(r -> Instant.parse(r.text("retryAt")))
                .max(Instant::compareTo).orElseThrow();
        String flow = Accounts.startLogin(nodes[0], owner, Accounts.freshAddress());
        ApiClient.Reply blocked = nodes[1].post("/api/v1/login/" + flow + "/verify", json("method", "backup_code", "code",
                owner.backupCodes.getFirst()), null, Accounts.freshAddress());
        assertThat(blocked.status()).as("the right backup code during the back-off " + blocked).isEqualTo(429);

        // ... and, after the back-off, a backup code (no full login in between, which would reset the budget).
        long waitStart = System.nanoTime();
        await().atMost(Duration.between(Instant.now(), retryAt).plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> !Instant.now().isBefore(retryAt));
        ApiClient.Reply afterBackOff = expect(nodes[1].post("/api/v1/login/" + flow + "/verify", json("method", "backup_code",
                "code", owner.backupCodes.getFirst()), null, Accounts.freshAddress()), 200, "owner's backup code after the back-off");
        assertThat(afterBackOff.text("status")).isEqualTo("AUTHENTICATED");
        long waited = (System.nanoTime() - waitStart) / 1_000_000;
        String totpFlow = Accounts.startLogin(nodes[1], owner, Accounts.freshAddress());
        ApiClient.Reply app = expect(nodes[0].post("/api/v1/login/" + totpFlow + "/verify", json("method", "totp", "code",
                Accounts.totp(owner, Accounts.currentStep())), null, Accounts.freshAddress()), 200, "owner's TOTP login");
        assertThat(app.text("status")).isEqualTo("AUTHENTICATED");

        Report.section("Rate limits across nodes (backup codes, seed " + seed + ")",
                "wrong backup codes sent: " + GUESSES + " over 2 nodes, " + FLOWS + " flows, " + ADDRESSES
                        + " client addresses, 16 at a time, in " + took.toMillis() + " ms",
                "guesses checked (allowed by the policy in that time): " + checked + " (" + allowed + "); answers " + outcomes,
                "owner: right backup code refused during the back-off (429), accepted after it (waited " + waited
                        + " ms to " + retryAt + "); TOTP login: OK");
    }

    /** The most failures the budget admits within {@code window}: the free ones at once, then one per delay. */
    static int mostFailuresAllowedWithin(AttemptBudget budget, Duration window) {
        int failures = budget.freeFailures();
        Duration elapsed = Duration.ZERO;
        while (budget.hardLimit() == 0 || failures < budget.hardLimit()) {
            elapsed = elapsed.plus(budget.delayAfter(failures));
            if (elapsed.compareTo(window) > 0) {
                break;
            }
            failures++;
        }
        return failures;
    }

    /** The spread over addresses is real: the server records the X-Forwarded-For address of a login. */
    private static void assertForwardedAddressesAreTrusted(Accounts.Account owner) throws Exception {
        String from = Accounts.freshAddress();
        String flow = Accounts.startLogin(nodes[0], owner, from);
        String token = expect(nodes[0].post("/api/v1/login/" + flow + "/verify", json("method", "totp", "code",
                Accounts.totp(owner, Accounts.currentStep())), null, from), 200, "TOTP login").text("sessionToken");
        JsonNode activity = expect(nodes[1].get("/api/v1/me/activity", token, null), 200, "activity").json();
        List<String> seen = new ArrayList<>();
        activity.forEach(e -> seen.add(e.path("clientAddress").asString()));
        assertThat(seen).as("client addresses in the account's activity").contains(from);
        expect(nodes[1].post("/api/v1/logout", "{}", token, null), 204, "logout");
    }
}
