package dev.aikagi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.opentest4j.TestAbortedException;

/**
 * Two nodes (A and B) of the packaged server on one embedded PostgreSQL, with the same keys, cheap Argon2,
 * SMS and email through the webhook into {@link MessageSink}, and X-Forwarded-For trusted from the
 * loopback address (server.forward-headers-strategy=native: Tomcat's RemoteIpValve trusts private and
 * loopback proxies) so that tests can spread requests over many client addresses. Started once per test
 * JVM and shared by every test class; stopped when the JVM ends.
 */
final class Cluster {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** The OpenID Connect client both nodes know, and the issuer they share (as behind one load balancer). */
    static final String OIDC_ISSUER = "http://aikagi.reliability.test";
    static final String OIDC_CLIENT = "rp";
    static final String OIDC_SECRET = "rp-secret-for-the-reliability-suite";
    static final String OIDC_REDIRECT = "https://rp.reliability.test/callback";

    private static Cluster shared;

    final Database db;
    final MessageSink sink;
    final Node a;
    final Node b;
    private final Path work;

    private Cluster(Path jar, Path work) throws IOException {
        this.work = work;
        db = new Database(work.resolve("pg"));
        sink = new MessageSink();
        List<String> args = arguments(db, sink);
        a = new Node("A", jar, work.resolve("node-a"), args);
        b = new Node("B", jar, work.resolve("node-b"), args);
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "reliability-cluster-stop"));
    }

    /** The cluster of this JVM, started at the first call. */
    static synchronized Cluster get() throws IOException {
        if (shared == null) {
            Path jar = Path.of(System.getProperty("aikagi.server.jar", "../server/target/aikagi-server.jar"));
            if (!Files.isRegularFile(jar) && !"true".equals(System.getenv("CI"))) {
                throw new TestAbortedException("no " + jar + ": package the server first (mvn -pl server -am package)");
            }
            assertThat(jar).as("the packaged server (the root build packages server before reliability)").isRegularFile();
            Path work = Path.of(System.getProperty("reliability.work-dir", "target/reliability-work"))
                    .resolve("run-" + System.currentTimeMillis());
            Cluster cluster = new Cluster(jar, work);
            long t0 = System.nanoTime();
            cluster.startAll(List.of(cluster.a, cluster.b));
            Report.section("Cluster", "nodes A and B started together in " + (System.nanoTime() - t0) / 1_000_000
                    + " ms (work directory " + work + ")");
            shared = cluster;
        }
        return shared;
    }

    Node other(Node node) {
        return node == a ? b : a;
    }

    /** Starts the nodes at once and waits until each is healthy. */
    void startAll(List<Node> nodes) throws IOException {
        for (Node node : nodes) {
            node.start();
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Node node : nodes) {
            ready.add(CompletableFuture.runAsync(() -> {
                try {
                    node.awaitHealthy(START_TIMEOUT);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    }

    private static List<String> arguments(Database db, MessageSink sink) {
        SecureRandom random = new SecureRandom();
        return List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                // Give up on a connection after 2 s rather than Hikari's 30 s, so that a database outage is
                // answered (503) while it lasts instead of holding every request.
                "--spring.datasource.hikari.connection-timeout=2000",
                "--aikagi.keys.pepper.r1=" + key(random),
                "--aikagi.keys.pepper-current=r1",
                "--aikagi.keys.encryption.r1=" + key(random),
                "--aikagi.keys.encryption-current=r1",
                "--aikagi.password.argon2-memory-kib=1024",
                "--aikagi.password.argon2-iterations=1",
                "--aikagi.delivery.sms=webhook",
                "--aikagi.delivery.email=webhook",
                "--aikagi.delivery.webhook.url=" + sink.url(),
                "--aikagi.delivery.webhook.secret=" + key(random),
                "--aikagi.delivery.dispatch-interval=500ms",
                "--aikagi.recovery.waiting-period=0s",
                "--server.forward-headers-strategy=native",
                "--aikagi.oidc.issuer=" + OIDC_ISSUER,
                "--aikagi.oidc.clients." + OIDC_CLIENT + ".secret=" + OIDC_SECRET,
                "--aikagi.oidc.clients." + OIDC_CLIENT + ".redirect-uris=" + OIDC_REDIRECT,
                "--aikagi.oidc.clients." + OIDC_CLIENT + ".first-party=true",
                "--logging.level.root=WARN");
    }

    private static String key(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private void shutdown() {
        for (Node node : List.of(a, b)) {
            try {
                node.stop();
            } catch (InterruptedException | RuntimeException e) {
                // The JVM is ending; the process dies with SIGKILL below if it can.
            }
        }
        sink.close();
        try {
            db.close();
            // The database files (tens of MB a run) go; the nodes' logs stay for reading.
            try (var files = Files.walk(work.resolve("pg"))) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // zonky's own shutdown hook stops it as well; what is left lies under target/.
        }
    }
}
