package dev.aikagi.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged Aikagi server ({@code server/target/aikagi-server.jar}) in its own process, as operators
 * run it: its own data directory, a free port on 127.0.0.1, cheap Argon2 (these tests check the flow, not
 * the hashing), and the OpenID Connect clients given as {@code --aikagi.oidc.clients.*} arguments.
 */
final class AikagiServer implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("aikagi.server.jar", "../server/target/aikagi-server.jar"));

    private final Process process;
    private final URI base;
    private final Path log;

    private AikagiServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Skips locally without the jar ("mvn package" first), fails in CI, where the root build packages it before demo. */
    static void requirePackaged() {
        if (!Files.isRegularFile(JAR)) {
            Chromium.requirement("no " + JAR.toAbsolutePath().normalize()
                    + ": package the server first (mvn -B -q -pl server -am package -DskipTests)");
        }
    }

    static AikagiServer start(Path dataDir, List<String> oidcClientArguments) throws Exception {
        requirePackaged();
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        Path log = dataDir.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--aikagi.data-dir=" + dataDir,
                "--aikagi.password.argon2-memory-kib=1024", "--aikagi.password.argon2-iterations=1",
                // Every account of the journeys is signed up from 127.0.0.1 (issue 14: 5 an hour by default).
                "--aikagi.sign-up.hourly-limit-per-address=1000"));
        command.addAll(oidcClientArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AikagiServer server = new AikagiServer(process, base, log);
        server.awaitHealthy(Duration.ofSeconds(120));
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI base() {
        return base;
    }

    String url(String path) {
        return base.resolve(path).toString();
    }

    /** The server's output so far, for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(process.isAlive()).as("server process (log: %s)", log).isTrue();
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return health.statusCode() == 200 && health.body().contains("\"UP\"");
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException | AssertionError e) {
            close();
            throw new AssertionError("Aikagi not healthy after " + timeout + "; log:\n" + log(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
