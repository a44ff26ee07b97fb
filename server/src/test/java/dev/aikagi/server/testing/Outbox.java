package dev.aikagi.server.testing;

import static org.awaitility.Awaitility.await;

import dev.aikagi.testkit.ApiClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads the development outbox ({@code GET /dev/outbox}, JSON) as a tester reads their phone. */
public final class Outbox {

    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
    private final ApiClient api;

    public Outbox(ApiClient api) {
        this.api = api;
    }

    public record Item(String channel, String to, String subject, String body, String createdAt) {
    }

    public List<Item> all() {
        ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/dev/outbox"))
                .header("Accept", "application/json").GET().build());
        if (reply.status() != 200) {
            throw new AssertionError("outbox answered " + reply.status());
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode n : reply.json()) {
            items.add(new Item(n.get("channel").asString(), n.get("to").asString(), n.get("subject").asString(),
                    n.get("body").asString(), n.get("createdAt").asString()));
        }
        return items;
    }

    /** Deliveries to {@code to}, newest first. */
    public List<Item> to(String to) {
        return all().stream().filter(i -> i.to().equals(to)).toList();
    }

    /** The 6-digit code of the newest message to {@code to}. */
    public String latestCode(String to) {
        // The newest message with a code: a notice sent off-thread (a new method, a new device) may land after it.
        for (Item item : to(to)) {
            Matcher m = CODE.matcher(item.body());
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no code in any message to " + to);
    }

    /** Waits (bounded) for a message to {@code to} whose body contains {@code text}: notices are sent off-thread. */
    public Item awaitMessage(String to, String text) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> find(to, text).isPresent());
        return find(to, text).orElseThrow();
    }

    public Optional<Item> find(String to, String text) {
        return to(to).stream().filter(i -> i.body().contains(text) || i.subject().contains(text)).findFirst();
    }
}
