package dev.aikagi.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's check that the load generator still drives the real pages: the packaged server in its own process
 * (as operators run it), 40 accounts seeded through the API, then 5 s of each scenario at two clients.
 * Asserts nothing about speed, only that every login succeeds.
 */
class LoginLoadSmokeTest {

    @TempDir
    static Path dataDir;
    static Process server;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("aikagi.server.jar", "../server/target/aikagi-server.jar"));
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(Files.isRegularFile(jar), "no " + jar + ": run 'mvn package' at the root first");
        }
        assertThat(jar).as("the packaged server (the root build packages server before bench)").isRegularFile();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = URI.create("http://127.0.0.1:" + port);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--server.port=" + port,
                "--server.address=127.0.0.1", "--aikagi.data-dir=" + dataDir,
                // Cheap hashing: this checks the generator, not the speed.
                "--aikagi.password.argon2-memory-kib=1024", "--aikagi.password.argon2-iterations=1",
                // 40 accounts are seeded from 127.0.0.1 (issue 14: 5 sign-ups an hour per address by default).
                "--aikagi.sign-up.hourly-limit-per-address=1000")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
        awaitHealthy(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void loadWhenTotpAndBackupScenariosRunFiveSecondsThenEveryLoginSucceeds() throws Exception {
        List<BenchUser> users = new ApiSeeder(base).seed("smoke", 40, 2);
        assertThat(users).hasSize(40).allSatisfy(u -> assertThat(u.backupCodes).hasSize(10));

        // The seeder confirms enrolment with the previous step's code, so TOTP logins can start at once
        // (Aikagi refuses a replayed step, RFC 6238 §5.2).
        for (BrowserLogin.Scenario scenario : List.of(BrowserLogin.Scenario.TOTP, BrowserLogin.Scenario.BACKUP)) {
            LoadRun.Level level = new LoadRun(base, scenario, server.pid(), "")
                    .run(new UserPool(users, scenario), 2, 0, 5);
            assertThat(level.errorSamples()).as(scenario + " errors").isEmpty();
            assertThat(level.errors()).as(scenario + " errors").isZero();
            assertThat(level.logins()).as(scenario + " logins").isPositive();
            assertThat(level.serverCpuMs()).as("server CPU read from /proc").isPositive();
            assertThat(level.serverRssKb()).as("server RSS read from /proc").isPositive();
        }
        Path file = dataDir.resolve("users.tsv");
        BenchUsers.write(file, users);
        assertThat(BenchUsers.read(file)).hasSize(40);
    }

    private static void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(server.isAlive()).as("server process (see " + dataDir.resolve("server.log") + ")").isTrue();
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    return health.statusCode() == 200 && health.body().contains("\"UP\"");
                } catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("server not healthy after " + timeout + "; log: "
                    + Files.readString(dataDir.resolve("server.log")), e);
        }
    }
}
