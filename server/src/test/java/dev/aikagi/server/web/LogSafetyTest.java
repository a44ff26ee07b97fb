package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.testkit.ApiClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The production logs (structured JSON, here with the application's and Spring MVC's DEBUG lines on too) of
 * a whole sign-up, SMS set-up and SMS and backup-code logins: never the password, a code, a session token
 * or the full phone number; every line written during a request carries its request id. ASVS 5 16.3.1,
 * docs/STYLE.md rule 13.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogSafetyTest {

    private static final String PASSWORD = "Kotatsu-mikan-7731 passphrase";
    private static final String PHONE = "+819012347777";
    private static final Pattern REQUEST_ID = Pattern.compile("\"request_id\":\"([^\"]+)\"");
    private static final Pattern REQUEST_LINE = Pattern.compile("\"message\":\"((GET|POST) \\\\\"/|Completed [0-9]{3} )");

    @TempDir
    Path dataDir;

    @Test
    void loginWithPasswordSmsAndBackupCodeWhenLoggedAsJsonThenNoSecretAndEveryRequestLineHasItsId(CapturedOutput output)
            throws Exception {
        List<String> secrets = new ArrayList<>();
        String knownId;
        String safeId = "edge-7f3a9c.42";
        try (RunningServer server = RunningServer.start(dataDir, "--logging.structured.format.console=ecs",
                "--logging.level.dev.aikagi=DEBUG", "--logging.level.org.springframework.web=DEBUG")) {
            ApiClient api = new ApiClient(server.port());
            Outbox outbox = new Outbox(api);
            assertThat(api.post("/api/v1/accounts", Map.of("username", "log_safety", "password", PASSWORD), null)
                    .status()).isEqualTo(201);
            ApiClient.Reply first = api.post("/api/v1/login", Map.of("username", "log_safety", "password", PASSWORD), null);
            String token = first.text("sessionToken");
            secrets.add(token);
            knownId = first.headers().firstValue("X-Request-Id").orElseThrow();

            assertThat(api.post("/api/v1/me/phone", Map.of("phoneNumber", PHONE), token).status()).isEqualTo(202);
            String setUpCode = outbox.latestCode(PHONE);
            secrets.add(setUpCode);
            ApiClient.Reply confirmed = api.post("/api/v1/me/phone/confirm", Map.of("code", setUpCode), token);
            assertThat(confirmed.status()).isEqualTo(200);
            List<String> backupCodes = new ArrayList<>();
            confirmed.json().get("backupCodes").get("codes").forEach(c -> backupCodes.add(c.asString()));
            assertThat(backupCodes).hasSize(10);
            for (String code : backupCodes) {
                secrets.add(code);
                secrets.add(code.replace(" ", ""));
            }

            String smsFlow = api.post("/api/v1/login", Map.of("username", "log_safety", "password", PASSWORD), null)
                    .text("flowId");
            assertThat(api.post("/api/v1/login/" + smsFlow + "/send-code", Map.of("method", "sms"), null).status())
                    .isEqualTo(202);
            String loginCode = outbox.latestCode(PHONE);
            secrets.add(loginCode);
            ApiClient.Reply bySms = api.post("/api/v1/login/" + smsFlow + "/verify",
                    Map.of("method", "sms", "code", loginCode), null);
            assertThat(bySms.text("status")).isEqualTo("AUTHENTICATED");
            secrets.add(bySms.text("sessionToken"));

            String backupFlow = api.post("/api/v1/login", Map.of("username", "log_safety", "password", PASSWORD), null)
                    .text("flowId");
            ApiClient.Reply byBackup = api.post("/api/v1/login/" + backupFlow + "/verify",
                    Map.of("method", "backup_code", "code", backupCodes.get(0)), null);
            assertThat(byBackup.text("status")).isEqualTo("AUTHENTICATED");
            secrets.add(byBackup.text("sessionToken"));
            outbox.awaitMessage(PHONE, "backup code");

            ApiClient.Reply proxied = api.send(HttpRequest.newBuilder(api.uri("/api/v1/me"))
                    .header("Authorization", "Bearer " + token).header("X-Request-Id", safeId).GET().build());
            assertThat(proxied.headers().firstValue("X-Request-Id")).hasValue(safeId);
            ApiClient.Reply forged = api.send(HttpRequest.newBuilder(api.uri("/api/v1/me"))
                    .header("Authorization", "Bearer " + token).header("X-Request-Id", "x\",\"level\":\"FORGED").GET().build());
            assertThat(forged.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                    assertThat(id).matches("[0-9a-f-]{36}"));

            // The same journey in the delivery metrics, equally without the number.
            String metrics = server.get("/actuator/prometheus").body();
            assertThat(metrics).containsPattern(
                    "aikagi_messages_total\\{channel=\"sms\",gateway=\"outbox\",outcome=\"sent\"} [3-9]\\.0")
                    .doesNotContain(PHONE.substring(3));
        }

        String logs = output.getOut() + output.getErr();
        assertThat(logs).doesNotContain(PASSWORD).doesNotContain(PHONE).doesNotContain(PHONE.substring(3))
                .doesNotContain("FORGED").doesNotContain("generated security password");
        for (String secret : secrets) {
            // As a whole token: a 6-digit code may well occur inside a longer number such as a timestamp.
            assertThat(logs).doesNotContainPattern("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])");
        }
        List<String> json = logs.lines().filter(line -> line.startsWith("{")).toList();
        assertThat(json).as("structured logging is on").isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith("}"));
        // DispatcherServlet's "POST "/api/v1/login", parameters={masked}" and "Completed 200 OK" of each request.
        List<String> ofRequests = json.stream()
                .filter(line -> line.contains("\"logger\":\"org.springframework.web.servlet.DispatcherServlet\""))
                .filter(line -> REQUEST_LINE.matcher(line).find()).toList();
        assertThat(ofRequests).as("Spring MVC's lines of the requests").hasSizeGreaterThan(20)
                .allSatisfy(line -> assertThat(line).containsPattern(REQUEST_ID));
        assertThat(json).anySatisfy(line -> assertThat(line).contains("\"request_id\":\"" + knownId + "\""))
                .anySatisfy(line -> assertThat(line).contains("\"request_id\":\"" + safeId + "\""));
    }
}
