package dev.aikagi.reliability;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS and email gateway of both nodes: Aikagi's webhook ({@code aikagi.delivery.*=webhook}) pointed at
 * a JDK HTTP server in the test. Keeps every message received with its {@code Aikagi-Message-Id}; tests
 * read texted codes from here.
 */
final class MessageSink implements AutoCloseable {

    record Received(String id, String channel, String to, String body, long receivedNanos) {
    }

    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    MessageSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("Aikagi-Message-Id");
            JsonNode message = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            synchronized (received) {
                received.add(new Received(id, message.path("channel").asString(), message.path("to").asString(),
                        message.path("body").asString(), System.nanoTime()));
            }
            if (id != null) {
                ids.add(id);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    Set<String> messageIds() {
        return Set.copyOf(ids);
    }

    int size() {
        synchronized (received) {
            return received.size();
        }
    }

    /** The code in the newest message to {@code to} received after the first {@code skip} messages. */
    Optional<String> latestCode(String to, int skip) {
        synchronized (received) {
            for (int i = received.size() - 1; i >= skip; i--) {
                Received r = received.get(i);
                if (r.to().equals(to)) {
                    Matcher m = CODE.matcher(r.body());
                    if (m.find()) {
                        return Optional.of(m.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Waits for a message with a code to {@code to} among those after the first {@code skip}. */
    String awaitCode(String to, int skip) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> latestCode(to, skip), Optional::isPresent).orElseThrow();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
