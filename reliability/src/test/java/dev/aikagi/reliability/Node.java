package dev.aikagi.reliability;

import static org.awaitility.Awaitility.await;

import dev.aikagi.testkit.PackagedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One server node: the packaged jar in its own process, always on the same port so that clients keep
 * their address across a {@link #kill()} and {@link #start()}.
 */
final class Node {

    final String name;
    final URI base;
    private final Path jar;
    private final Path dir;
    private final List<String> arguments;
    private Process process;
    private int starts;

    Node(String name, Path jar, Path dir, List<String> arguments) throws IOException {
        this.name = name;
        this.jar = jar;
        this.dir = Files.createDirectories(dir);
        this.arguments = List.copyOf(arguments);
        this.base = URI.create("http://127.0.0.1:" + PackagedServer.freePort());
    }

    /** Starts the process; {@link #awaitHealthy} waits for it. */
    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        // The extracted server's JDK AOT cache, when the build made one beside the jar (issue 15): restarts
        // as fast as the documented start command's.
        Path aotCache = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".aot"));
        if (Files.isRegularFile(aotCache)) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + base.getPort(), "--server.address=127.0.0.1",
                "--aikagi.data-dir=" + dir.resolve("data")));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    }

    Path log() {
        return dir.resolve("server.log");
    }

    int starts() {
        return starts;
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no graceful end of requests. */
    void kill() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    /** SIGTERM and a graceful end. */
    void stop() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    boolean healthy() {
        return PackagedServer.healthy(base);
    }

    void awaitHealthy(Duration timeout) throws IOException {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!alive()) {
                    throw new IllegalStateException(name + " exited; log: " + tail());
                }
                return healthy();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " not healthy after " + timeout + "; log: " + tail(), e);
        }
    }

    String tail() throws IOException {
        String text = Files.exists(log()) ? Files.readString(log()) : "";
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    @Override
    public String toString() {
        return name + " " + base;
    }
}
