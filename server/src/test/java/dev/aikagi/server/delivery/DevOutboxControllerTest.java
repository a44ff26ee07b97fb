package dev.aikagi.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.jdbc.JdbcOutbox;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.TestPostgres;
import dev.aikagi.server.properties.InvalidConfigurationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DevOutboxControllerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @TempDir
    java.nio.file.Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(RunningServer server, String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Delivers an SMS, then an email that arrives strictly later, through the outbox gateway itself. */
    private static void deliverTwo(RunningServer server) {
        JdbcOutbox outbox = server.bean(JdbcOutbox.class);
        Clock clock = server.bean(Clock.class);
        outbox.deliver(new Message(UUID.randomUUID(), Channel.SMS, "+819012345678", "", "Aikagi のコード: 480213",
                null, "login_code", clock.instant()));
        Instant first = outbox.latest(1).getFirst().createdAt();
        // Stored to the microsecond: wait (bounded, no sleep) for the clock to pass it.
        await().atMost(Duration.ofSeconds(1)).until(() -> clock.instant().truncatedTo(ChronoUnit.MICROS).isAfter(first));
        outbox.deliver(new Message(UUID.randomUUID(), Channel.EMAIL, "taro@example.jp", "Aikagi 確認コード",
                "確認コード: 112358\nこのコードは 30 分間有効です。", null, "email_code", clock.instant()));
    }

    @Test
    void outboxWhenDevelopmentAndJsonAskedThenNewestFirstWithTheDocumentedFields() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            deliverTwo(server);

            HttpResponse<String> response = get(server, "/dev/outbox", "application/json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            JsonNode list = JSON.readTree(response.body());
            assertThat(list.isArray()).isTrue();
            assertThat(list.size()).isEqualTo(2);
            JsonNode newest = list.get(0);
            assertThat(newest.propertyNames()).containsExactlyInAnyOrder("channel", "to", "subject", "body", "createdAt");
            assertThat(newest.get("channel").asString()).isEqualTo("email");
            assertThat(newest.get("to").asString()).isEqualTo("taro@example.jp");
            assertThat(newest.get("subject").asString()).isEqualTo("Aikagi 確認コード");
            assertThat(newest.get("body").asString()).isEqualTo("確認コード: 112358\nこのコードは 30 分間有効です。");
            JsonNode older = list.get(1);
            assertThat(older.get("channel").asString()).isEqualTo("sms");
            assertThat(older.get("to").asString()).isEqualTo("+819012345678");
            assertThat(older.get("subject").asString()).isEmpty();
            assertThat(older.get("body").asString()).isEqualTo("Aikagi のコード: 480213");
            Instant newestAt = Instant.parse(newest.get("createdAt").asString());
            Instant olderAt = Instant.parse(older.get("createdAt").asString());
            assertThat(newestAt).isAfter(olderAt);
        }
    }

    @Test
    void outboxWhenDevelopmentAndPageAskedThenListsThemNewestFirstWithoutASession() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            HttpResponse<String> empty = get(server, "/dev/outbox", BROWSER_ACCEPT);
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.body()).contains("id=\"outbox-empty\"");

            deliverTwo(server);
            HttpResponse<String> page = get(server, "/dev/outbox", BROWSER_ACCEPT);
            HttpResponse<String> japanese = get(server, "/dev/outbox?lang=ja", "text/html");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            String html = page.body();
            assertThat(html).contains("<h1>Development outbox</h1>", "Aikagi 確認コード", "480213", "112358");
            assertThat(html.indexOf("taro@example.jp")).as("email, the newest, first")
                    .isLessThan(html.indexOf("+819012345678"));
            assertThat(japanese.body()).contains("<h1>開発用の送信箱</h1>");
            // JSON only when asked for: any-type clients (curl) get the page too.
            assertThat(get(server, "/dev/outbox", "*/*").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        }
    }

    @Test
    void outboxWhenProductionModeThenNotFoundLikeAnyUnknownPath(@TempDir java.nio.file.Path postgresDir) throws Exception {
        // Rows left in the table by an earlier development run of the same database stay hidden.
        try (TestPostgres postgres = TestPostgres.start(postgresDir);
             RunningServer server = RunningServer.start(dataDir, "--aikagi.mode=production",
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
                "--spring.datasource.password=" + TestPostgres.PASSWORD, "--aikagi.public-url=https://id.example.test",
                "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=" + KEY,
                "--aikagi.delivery.sms=webhook", "--aikagi.delivery.email=webhook",
                "--aikagi.delivery.webhook.url=http://127.0.0.1:9/hook",
                "--aikagi.delivery.webhook.secret=whsec_0123456789abcdef0123456789abcdef")) {
            server.bean(JdbcOutbox.class).deliver(new Message(UUID.randomUUID(), Channel.SMS, "+819012345678", "",
                    "480213", null, "login_code", server.bean(Clock.class).instant()));

            HttpResponse<String> json = get(server, "/dev/outbox", "application/json");
            HttpResponse<String> page = get(server, "/dev/outbox", BROWSER_ACCEPT);
            HttpResponse<String> unknown = get(server, "/dev/no-such-page", BROWSER_ACCEPT);

            assertThat(json.statusCode()).isEqualTo(404);
            assertThat(json.body()).doesNotContain("480213");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).doesNotContain("480213").contains("id=\"form-error\"");
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void outboxWhenNoChannelUsesItThenNotFound() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, "--aikagi.delivery.sms=webhook",
                "--aikagi.delivery.email=webhook", "--aikagi.delivery.webhook.url=http://127.0.0.1:9/hook",
                "--aikagi.delivery.webhook.secret=whsec_0123456789abcdef0123456789abcdef")) {
            assertThat(get(server, "/dev/outbox", "application/json").statusCode()).isEqualTo(404);
            assertThat(get(server, "/dev/outbox", BROWSER_ACCEPT).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void startWhenTwilioChosenWithoutCredentialsThenStopsNamingEachProperty() {
        assertThatThrownBy(() -> RunningServer.start(dataDir, "--aikagi.delivery.sms=twilio",
                "--aikagi.delivery.twilio.from-number=+15005550006"))
                .satisfies(e -> {
                    Throwable cause = e;
                    while (cause != null && !(cause instanceof InvalidConfigurationException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).as("an InvalidConfigurationException in the cause chain of %s", e).isNotNull();
                    assertThat(cause.getMessage()).isEqualTo(
                            "aikagi.delivery.twilio.account-sid: must be set when aikagi.delivery.sms is twilio\n"
                                    + "aikagi.delivery.twilio.auth-token: must be set when aikagi.delivery.sms is twilio");
                });
    }
}
