package dev.aikagi.server.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.core.delivery.Message;
import dev.aikagi.jdbc.JdbcOutbox;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 point 4: a phone verified while its country was allowed gets no login code once the operator narrows
 * {@code aikagi.sms.allowed-regions}: the page says so (in the reader's language), the API answers
 * {@code phone_region_not_allowed}, and nothing is sent.
 */
class SmsRegionNarrowedTest {

    private static final String UK_MOBILE = "+447400123456";
    private static final Pattern WEB_OTP = Pattern.compile("@[^ ]+ #([0-9]{6})$");

    @TempDir
    Path dataDir;

    private static List<String> texts(RunningServer server) {
        return server.bean(JdbcOutbox.class).latest(200).stream().filter(m -> m.to().equals(UK_MOBILE))
                .map(Message::body).toList();
    }

    @Test
    void loginWhenPhoneRegionNoLongerAllowedThenNoCodeAndAClearRefusal() throws Exception {
        try (RunningServer before = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.sms.allowed-regions=JP,GB")) {
            PageClient owner = new PageClient(before.port(), "203.0.113.101").acceptLanguage("en");
            PageJourneys.signUp(owner, "abroad");
            String methods = PageJourneys.methodsPath(owner);
            owner.get(methods + "/phone");
            assertThat(owner.post(methods + "/phone", "phoneNumber", UK_MOBILE).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> texts(before).stream().anyMatch(t -> WEB_OTP.matcher(t).find()));
            Matcher code = WEB_OTP.matcher(texts(before).getFirst());
            assertThat(code.find()).isTrue();
            assertThat(owner.post(methods + "/phone/confirm", "code", code.group(1)).status()).isEqualTo(200);
            owner.post(methods + "/backup-codes/saved", "saved", "yes");
        }
        try (RunningServer after = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.sms.allowed-regions=JP")) {
            int sentBefore = texts(after).size();
            PageClient browser = new PageClient(after.port(), "203.0.113.102").acceptLanguage("ja");
            browser.get("/login");
            PageClient.Page password = browser.post("/login", "username", "abroad", "password", PageJourneys.PASSWORD);
            PageClient.Page challenge = browser.follow(password);

            assertThat(challenge.path()).contains("unsent=region");
            assertThat(challenge.body()).contains("このサービスでは、その国の電話番号にテキストメッセージを送信できません。");

            HttpClient http = HttpClient.newHttpClient();
            String login = http.send(json(after, "/api/v1/login",
                    "{\"username\":\"abroad\",\"password\":\"" + PageJourneys.PASSWORD + "\"}"),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher flow = Pattern.compile("\"flowId\":\"([0-9a-f-]+)\"").matcher(login);
            assertThat(flow.find()).as(login).isTrue();
            HttpResponse<String> sent = http.send(json(after, "/api/v1/login/" + flow.group(1) + "/send-code",
                    "{\"method\":\"sms\"}"), HttpResponse.BodyHandlers.ofString());

            assertThat(sent.statusCode()).isEqualTo(422);
            assertThat(sent.body()).contains("\"code\":\"phone_region_not_allowed\"");
            assertThat(texts(after)).hasSize(sentBefore);
        }
    }

    private static HttpRequest json(RunningServer server, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.103")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
