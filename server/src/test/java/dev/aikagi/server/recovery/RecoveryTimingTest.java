package dev.aikagi.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.testkit.ApiClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery must not tell, by how long it takes, whether a username exists or has a verified email: the
 * same steps (start, send a code by email, a wrong code, a wrong password) for existing accounts with an
 * email and for unknown usernames, interleaved, and the medians compared. Each sample comes from its own
 * client address (X-Forwarded-For from the local proxy) so the address limits stay out of the picture.
 */
class RecoveryTimingTest {

    private static final String PASSWORD = "かきくえば かねがなるなり";
    private static final int SAMPLES = 21;

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native");
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void knownAndUnknownUsernamesTakeTheSameTime() {
        Outbox outbox = new Outbox(api);
        for (int i = 0; i < SAMPLES + 3; i++) {
            String username = "timing_known_" + i;
            api.post("/api/v1/accounts", Map.of("username", username, "password", PASSWORD), null);
            String token = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null)
                    .text("sessionToken");
            String email = username + "@example.test";
            assertThat(api.post("/api/v1/me/email", Map.of("email", email), token).status()).isEqualTo(202);
            assertThat(api.post("/api/v1/me/email/confirm", Map.of("code", outbox.latestCode(email)), token).status())
                    .isEqualTo(200);
        }
        // Warm up both paths (JIT, connection pool), then measure interleaved.
        for (int i = 0; i < 3; i++) {
            journey("timing_known_" + (SAMPLES + i), "10.9.0." + i);
            journey("timing_warm_" + i, "10.9.1." + i);
        }
        // Pairs taken back to back see the same load on the machine; their differences are compared.
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        List<Long> differences = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            boolean knownFirst = i % 2 == 0;
            long a = journey((knownFirst ? "timing_known_" : "timing_nobody_") + i, "10.1.0." + i);
            long b = journey((knownFirst ? "timing_nobody_" : "timing_known_") + i, "10.2.0." + i);
            long k = knownFirst ? a : b;
            long u = knownFirst ? b : a;
            known.add(k);
            unknown.add(u);
            differences.add(k - u);
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        long medianDifference = median(differences);
        System.out.printf("recovery timing: known median %.2f ms, unknown median %.2f ms, median paired difference"
                + " %.2f ms (%d pairs)%n", knownMedian / 1e6, unknownMedian / 1e6, medianDifference / 1e6, SAMPLES);
        // Codes for known accounts are sent off the request's thread, 50-250 ms later (otherwise that work
        // made the same person's next steps ~3 ms slower here); a skipped lookup, hash or a synchronous send
        // would show as much or more.
        long allowed = Math.max(4_000_000L, Math.min(knownMedian, unknownMedian) * 3 / 20);
        assertThat(Math.abs(medianDifference)).as("median paired difference (ns)").isLessThan(allowed);
    }

    /** start → send a code by email → a wrong code → a wrong password; nanoseconds, each answer checked. */
    private static long journey(String username, String address) {
        long begin = System.nanoTime();
        ApiClient.Reply started = post("/api/v1/recovery", "{\"username\":\"" + username + "\"}", address);
        assertThat(started.status()).isEqualTo(202);
        String id = started.text("recoveryId");
        String token = started.text("recoveryToken");
        assertThat(post("/api/v1/recovery/" + id + "/send-code", "{\"channel\":\"email\"}", address, token).status())
                .isEqualTo(202);
        assertThat(post("/api/v1/recovery/" + id + "/verify", "{\"channel\":\"email\",\"code\":\"000000\"}", address,
                token).status()).isEqualTo(422);
        assertThat(post("/api/v1/recovery/" + id + "/verify", "{\"channel\":\"password\",\"password\":\"wrong one\"}",
                address, token).status()).isEqualTo(422);
        return System.nanoTime() - begin;
    }

    private static ApiClient.Reply post(String path, String json, String address) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** With the recovery token (issue 14): every step after the start carries it. */
    private static ApiClient.Reply post(String path, String json, String address, String recoveryToken) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).header(RecoveryCalls.HEADER, recoveryToken)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
