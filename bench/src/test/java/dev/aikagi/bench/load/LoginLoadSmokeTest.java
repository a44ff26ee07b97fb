package dev.aikagi.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.PackagedServer;
import java.net.URI;
import java.nio.file.Path;
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
    static PackagedServer server;
    static URI base;

    @BeforeAll
    static void start() {
        // Cheap hashing (this checks the generator, not the speed) and 40 sign-ups from 127.0.0.1.
        server = PackagedServer.start(dataDir, List.of());
        base = server.base();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void loadWhenTotpAndBackupScenariosRunFiveSecondsThenEveryLoginSucceeds() throws Exception {
        List<BenchUser> users = new ApiSeeder(base).seed("smoke", 40, 2);
        assertThat(users).hasSize(40).allSatisfy(u -> assertThat(u.backupCodes).hasSize(10));

        // The seeder confirms enrolment with the previous step's code, so TOTP logins can start at once
        // (Aikagi refuses a replayed step, RFC 6238 §5.2).
        for (BrowserLogin.Scenario scenario : List.of(BrowserLogin.Scenario.TOTP, BrowserLogin.Scenario.BACKUP)) {
            LoadRun.Level level = new LoadRun(List.of(base), scenario, new long[] {server.pid()}, "")
                    .run(new UserPool(users, scenario), 2, 0, 5);
            assertThat(level.errorSamples()).as(scenario + " errors").isEmpty();
            assertThat(level.errors()).as(scenario + " errors").isZero();
            assertThat(level.logins()).as(scenario + " logins").isPositive();
            assertThat(level.serverCpuMs()).as("server CPU read from /proc").isPositive();
            assertThat(level.serverRssKb()).as("server RSS read from /proc").isPositive();
            assertThat(level.serverCpuByGroup()[ProcessStats.ThreadGroup.REST.ordinal()])
                    .as("request threads' CPU read from /proc/<pid>/task").isPositive();
            assertThat(level.beyondHashCpuMsPerLogin()).as("CPU beyond the hash").isPositive()
                    .isLessThanOrEqualTo(level.serverCpuMsPerLogin());
        }
        Path file = dataDir.resolve("users.tsv");
        BenchUsers.write(file, users);
        assertThat(BenchUsers.read(file)).hasSize(40);
    }
}
