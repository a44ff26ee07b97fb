package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "login from a new device" notice names the device in the language of the address it goes to, not
 * in English and not in the language of the browser that logged in.
 */
class NewDeviceNoticeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What English device descriptions are made of (the old ones were "a browser / an unknown system"). */
    private static final String ENGLISH_DEVICE_WORDS = "(?i).*\\b(browser|unknown|system|device|app|on)\\b.*";

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static ApiClient api;
    static Outbox outbox;

    @BeforeAll
    static void start() {
        server = PageJourneys.start(dataDir);
        api = new ApiClient(server.port());
        outbox = new Outbox(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void newDeviceNoticeWhenJapaneseAddressThenTheDeviceIsDescribedInJapanese() {
        String email = "device.ja@example.jp";
        String token = signUpWithJapaneseEmail("device-ja", email);

        // A page login from a client that is no known browser (Java's HTTP client), its pages in English.
        PageClient browser = PageJourneys.browser(server);
        browser.get("/login");
        assertThat(browser.post("/login", "username", "device-ja", "password", PageJourneys.PASSWORD).status())
                .isEqualTo(302);

        Outbox.Item notice = outbox.awaitMessage(email, "不明なデバイス");
        assertThat(notice.subject()).isEqualTo("新しいデバイスからのログイン");
        assertThat(notice.body()).contains("これまでにないデバイスからログインがありました: 不明なデバイス");
        assertThat(withoutLink(notice.body())).doesNotMatch(ENGLISH_DEVICE_WORDS);
        // What is kept is language-neutral; the words are chosen when the notice is written.
        AccountId account = new AccountId(UUID.fromString(api.get("/api/v1/me", token).text("accountId")));
        assertThat(server.bean(AuditLog.class).recent(account, 50)).filteredOn(e -> e.type() == AuditType.LOGIN_NEW_DEVICE)
                .extracting(AuditEvent::details).containsExactly(Map.of("device", "unknown/unknown"));

        // A login through the API from an app installation: "アプリ", not "app".
        HttpRequest appLogin = HttpRequest.newBuilder(api.uri("/api/v1/login"))
                .header("Content-Type", "application/json").header("Accept-Language", "en")
                .header("Aikagi-Device", "app-installation-" + "x".repeat(24))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", "device-ja", "password", PageJourneys.PASSWORD))))
                .build();
        assertThat(api.send(appLogin).text("status")).isEqualTo("AUTHENTICATED");
        Outbox.Item fromApp = outbox.awaitMessage(email, "ログインがありました: アプリ");
        assertThat(withoutLink(fromApp.body())).doesNotMatch(ENGLISH_DEVICE_WORDS);
    }

    /** Signs up through the API and verifies an email address, in Japanese; returns the session token. */
    private static String signUpWithJapaneseEmail(String username, String email) {
        Map<String, String> credentials = Map.of("username", username, "password", PageJourneys.PASSWORD);
        assertThat(api.post("/api/v1/accounts", credentials, null).status()).isEqualTo(201);
        String token = api.post("/api/v1/login", credentials, null).text("sessionToken");
        assertThat(postInJapanese("/api/v1/me/email", Map.of("email", email), token).status()).isEqualTo(202);
        assertThat(postInJapanese("/api/v1/me/email/confirm", Map.of("code", outbox.latestCode(email)), token).status())
                .isEqualTo(200);
        return token;
    }

    private static ApiClient.Reply postInJapanese(String path, Object body, String token) {
        return api.send(HttpRequest.newBuilder(api.uri(path))
                .header("Content-Type", "application/json").header("Accept-Language", "ja")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** The body without the "this wasn't me" link, whose address is not words. */
    private static String withoutLink(String body) {
        return body.replaceAll("https?://\\S+", "").replace("Aikagi", "");
    }
}
