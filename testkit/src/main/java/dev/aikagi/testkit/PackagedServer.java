package dev.aikagi.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged Aikagi server ({@code server/target/aikagi-server.jar}) in its own process, as operators run it:
 * its own data directory, a free port on 127.0.0.1, cheap Argon2 (these tests check flows, not hashing) and
 * sign-ups without the per-address hourly limit (every account of a test signs up from 127.0.0.1).
 */
public final class PackagedServer implements AutoCloseable {

    /** The jar the root build packages before the modules that run it ({@code -Daikagi.server.jar} to override). */
    public static final Path JAR = Path.of(System.getProperty("aikagi.server.jar", "../server/target/aikagi-server.jar"));

    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI base;
    private final Path log;

    private PackagedServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Skips locally without the jar ("mvn package" first); fails in CI, where the root build packages it first. */
    public static void requirePackaged() {
        if (!Files.isRegularFile(JAR)) {
            Chromium.requirement("no " + JAR.toAbsolutePath().normalize()
                    + ": package the server first (mvn -B -q -pl server -am package -DskipTests)");
        }
    }

    /** Starts the jar with {@code arguments} after the kit's own and waits (up to two minutes) until it is healthy. */
    public static PackagedServer start(Path dataDir, List<String> arguments) {
        requirePackaged();
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        Path log = dataDir.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--aikagi.data-dir=" + dataDir,
                "--aikagi.password.argon2-memory-kib=1024", "--aikagi.password.argon2-iterations=1",
                // Every account of a test is signed up from 127.0.0.1 (issue 14: 5 an hour by default).
                "--aikagi.sign-up.hourly-limit-per-address=1000"));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackagedServer server = new PackagedServer(process, base, log);
        server.awaitHealthy(Duration.ofSeconds(120));
        return server;
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server at {@code base} answers its health check with {@code UP}. */
    public static boolean healthy(URI base) {
        try {
            HttpResponse<String> health = HEALTH.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public URI base() {
        return base;
    }

    public String url(String path) {
        return base.resolve(path).toString();
    }

    public long pid() {
        return process.pid();
    }

    /** The server's output so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitHealthy(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the server exited (log: " + log + ")");
                }
                return healthy(base);
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

    @Override
    public String toString() {
        return "Aikagi " + Objects.toString(base);
    }
}
