package dev.aikagi.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.support.SupportAuditPageController;
import dev.aikagi.server.support.SupportJourneyTest;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.PageClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14, point 1: a recovery belongs to the client that started it. After a full self-service recovery, a
 * second one left ready to complete, and a support approval whose link was not used yet (a waiting period of 0:
 * every open case could be completed at once by whoever holds it), a support agent downloads the audit export
 * (CSV and JSON) and tries every recovery id in it, with every value in it as the recovery token and with none,
 * against {@code GET /api/v1/recovery/{id}}, {@code /verify} and {@code /complete} of the real API. Every try is
 * refused with the same {@code 404 recovery_not_found} as an unknown id; the owner's token and the support link's
 * token still complete their cases afterwards, and no token is in the export, the console or the metrics.
 */
class RecoveryHijackTest {

    private static final String PASSWORD = "なつくさや つわものどもが";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LINK = Pattern.compile("/support/continue\\?token=([A-Za-z0-9_-]+)");
    private static final byte[] PNG = SupportJourneyTest.PNG;

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--aikagi.recovery.waiting-period=0s");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }

    @Test
    void everyRecoveryIdAndValueInTheAuditExportWhenTriedThenNothingIsReadVerifiedOrCompleted() {
        // A full self-service recovery, and a second one ready to complete.
        String session = accountWithPhoneAndEmail("hj-owner", "+819022220001", "hj-owner@example.test");
        String[] done = start("hj-owner");
        prove(done, "sms", "+819022220001");
        assertThat(verify(done[0], done[1], Map.of("channel", "password", "password", PASSWORD)).text("state"))
                .isEqualTo("READY");
        assertThat(post("/api/v1/recovery/" + done[0] + "/complete", done[1], "{}").status()).isEqualTo(200);
        String[] ready = start("hj-owner");
        prove(ready, "email", "hj-owner@example.test");
        assertThat(verify(ready[0], ready[1], Map.of("channel", "password", "password", PASSWORD)).text("state"))
                .isEqualTo("READY");
        assertThat(session).isNotBlank();

        // A support approval; the requester has not followed the link yet, so the case waits for its holder.
        signUp("hj-lost");
        PageClient requester = PageJourneys.browser(server);
        requester.get("/support/request");
        assertThat(requester.postMultipart("/support/request", Map.of("username", "hj-lost", "contact",
                        "hj-lost.new@example.test", "statement", "I lost my phone and my backup codes."),
                List.of(new PageClient.FilePart("files", "id.png", "image/png", PNG))).status()).isEqualTo(302);
        PageClient agent = agentSignedIn("hj-agent");
        Matcher row = Pattern.compile("href=\"(/support/cases/[0-9a-f-]{36})\"[^<]*</a></td>\\s*<td>hj-lost</td>")
                .matcher(agent.get("/support").body());
        assertThat(row.find()).isTrue();
        agent.get(row.group(1));
        assertThat(agent.post(row.group(1) + "/approve", "reason", "The photo matches").status()).isEqualTo(302);
        Matcher link = LINK.matcher(outboxBodies("hj-lost.new@example.test"));
        assertThat(link.find()).isTrue();

        // What the agent can see and take away: the audit export, as CSV and as JSON, and the console.
        String csv = new String(agent.download(SupportAuditPageController.PAGE + ".csv").body(), StandardCharsets.UTF_8);
        String json = new String(agent.download(SupportAuditPageController.PAGE + ".json").body(),
                StandardCharsets.UTF_8);
        String console = agent.get(row.group(1)).body() + agent.get(SupportAuditPageController.PAGE).body();
        assertThat(csv).contains("recovery=");
        Set<String> values = new LinkedHashSet<>();
        for (String line : csv.split("\r?\n")) {
            for (String field : line.split("[,;\"]")) {
                values.add(field.strip());
                int eq = field.indexOf('=');
                if (eq > 0) {
                    values.add(field.substring(eq + 1).strip());
                }
            }
        }
        collect(JSON.readTree(json), values);
        values.remove("");
        // A header carries visible ASCII only: other values could not be sent as a token by anyone.
        values.removeIf(v -> !v.matches("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?"));
        Set<String> recoveryIds = new LinkedHashSet<>();
        Set<String> otherIds = new LinkedHashSet<>();
        Matcher audited = Pattern.compile("recovery=(" + UUID_TEXT.pattern() + ")").matcher(csv);
        while (audited.find()) {
            recoveryIds.add(audited.group(1));
        }
        for (String text : List.of(csv, json)) {
            Matcher uuid = UUID_TEXT.matcher(text);
            while (uuid.find()) {
                otherIds.add(uuid.group());
            }
        }
        otherIds.removeAll(recoveryIds);
        assertThat(recoveryIds).contains(done[0], ready[0]).hasSize(3);

        // Every recovery id, with every value as its token and with none, and every other id in the export:
        // always the unknown id's answer.
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        List<String> everyValue = new ArrayList<>(values);
        everyValue.add(null);
        for (String id : concat(recoveryIds, otherIds)) {
            for (String token : recoveryIds.contains(id) ? everyValue : java.util.Arrays.asList(null, id)) {
                for (Reply reply : List.of(get("/api/v1/recovery/" + id, token),
                        verify(id, token, Map.of("channel", "email", "code", "000000")),
                        post("/api/v1/recovery/" + id + "/complete", token, "{}"))) {
                    tried++;
                    if (reply.status() != 404 || !"recovery_not_found".equals(reply.text("code"))) {
                        accepted.add(id + " / " + token + " → " + reply.status() + " " + reply.body());
                    }
                }
            }
        }
        assertThat(tried).as("values %d, other ids %d", values.size(), otherIds.size()).isGreaterThan(100)
                .isLessThan(3000);
        assertThat(accepted).as("tries that were not refused").isEmpty();

        // No token anywhere the agent looks, nor in the metrics.
        String metrics = metrics();
        for (String token : List.of(done[1], ready[1])) {
            assertThat(csv + json + console + metrics).doesNotContain(token);
        }

        // The holders still can: the owner's token completes the ready case, the link gives the person a token.
        assertThat(post("/api/v1/recovery/" + ready[0] + "/complete", ready[1], "{}").status()).isEqualTo(200);
        PageClient person = PageJourneys.browser(server);
        person.get("/support/continue?token=" + link.group(1));
        assertThat(person.post("/support/continue", "token", link.group(1)).location()).isEqualTo("/recovery/waiting");
        String handedOver = person.cookie("aikagi_recovery").orElseThrow().getValue();
        assertThat(csv + json + console).doesNotContain(handedOver);
        assertThat(person.get("/recovery/waiting").status()).isEqualTo(200);
        assertThat(person.post("/recovery/complete").status()).isEqualTo(200);
    }

    /** A support agent with two-step verification, signed in again with a backup code (AAL2). */
    private static PageClient agentSignedIn(String username) {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, username);
        assertThat(server.bean(Roles.class).grant(username, Role.SUPPORT_AGENT)).isInstanceOf(Roles.Changed.class);
        List<String> codes = PageJourneys.enableTwoStep(browser);
        PageJourneys.logOutAndStartLogin(browser, username);
        PageJourneys.chooseBackupCode(browser);
        assertThat(browser.post("/login/challenge", "code", codes.get(0)).status()).isEqualTo(302);
        return browser;
    }

    private static String metrics() {
        try {
            return server.get("/actuator/prometheus").body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(Set<String> first, Set<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void collect(JsonNode node, Set<String> into) {
        if (node.isContainer()) {
            for (JsonNode child : node) {
                collect(child, into);
            }
        } else if (!node.isNull()) {
            into.add(node.asString());
        }
    }

    /** {id, token} of a recovery just started. */
    private static String[] start(String username) {
        Reply started = post("/api/v1/recovery", null, JSON.writeValueAsString(Map.of("username", username)));
        assertThat(started.status()).isEqualTo(202);
        return new String[] {started.text("recoveryId"), started.text("recoveryToken")};
    }

    private static void prove(String[] recovery, String channel, String to) {
        int before = outboxBodies(to).length();
        assertThat(post("/api/v1/recovery/" + recovery[0] + "/send-code", recovery[1],
                JSON.writeValueAsString(Map.of("channel", channel))).status()).isEqualTo(202);
        // The newest message must be the code: the recovery's notice to the same address may land in between.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> outboxBodies(to).length() > before && CODE.matcher(newestBody(to)).find());
        Reply proven = verify(recovery[0], recovery[1], Map.of("channel", channel, "code", newestCode(to)));
        assertThat(proven.status()).as(proven.body()).isEqualTo(200);
    }

    private static Reply verify(String id, String token, Map<String, String> body) {
        return post("/api/v1/recovery/" + id + "/verify", token, JSON.writeValueAsString(body));
    }

    private static void signUp(String username) {
        assertThat(post("/api/v1/accounts", null, JSON.writeValueAsString(Map.of("username", username, "password",
                PASSWORD))).status()).isEqualTo(201);
    }

    /** An account with a verified phone and email; returns its session token. */
    private static String accountWithPhoneAndEmail(String username, String e164, String email) {
        signUp(username);
        String session = post("/api/v1/login", null, JSON.writeValueAsString(Map.of("username", username,
                "password", PASSWORD))).text("sessionToken");
        assertThat(bearer("/api/v1/me/phone", session, Map.of("phoneNumber", e164)).status()).isEqualTo(202);
        assertThat(bearer("/api/v1/me/phone/confirm", session, Map.of("code", newestCode(e164))).status())
                .isEqualTo(200);
        assertThat(bearer("/api/v1/me/email", session, Map.of("email", email)).status()).isEqualTo(202);
        assertThat(bearer("/api/v1/me/email/confirm", session, Map.of("code", newestCode(email))).status())
                .isEqualTo(200);
        return session;
    }

    private static Reply bearer(String path, String session, Map<String, String> body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + session)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static String newestBody(String to) {
        String newest = "";
        for (JsonNode message : JSON.readTree(get("/dev/outbox", null).body())) {
            if (message.get("to").asString().equals(to) && newest.isEmpty()) {
                newest = message.get("body").asString(); // the outbox lists the newest first
            }
        }
        return newest;
    }

    /** The 6-digit code of the newest message to {@code to}. */
    private static String newestCode(String to) {
        Matcher code = CODE.matcher(newestBody(to));
        assertThat(code.find()).as("a code to " + to).isTrue();
        return code.group(1);
    }

    private static String outboxBodies(String to) {
        StringBuilder bodies = new StringBuilder();
        for (JsonNode message : JSON.readTree(get("/dev/outbox", null).body())) {
            if (message.get("to").asString().equals(to)) {
                bodies.append(message.get("body").asString()).append('\n');
            }
        }
        return bodies.toString();
    }

    private static Reply get(String path, String recoveryToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET();
        if (recoveryToken != null) {
            request.header("Aikagi-Recovery-Token", recoveryToken);
        }
        return send(request);
    }

    private static Reply post(String path, String recoveryToken, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (recoveryToken != null) {
            request.header("Aikagi-Recovery-Token", recoveryToken);
        }
        return send(request);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
