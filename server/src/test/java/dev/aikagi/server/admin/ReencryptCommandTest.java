package dev.aikagi.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.support.SupportFailure;
import dev.aikagi.core.support.SupportService;
import dev.aikagi.jdbc.JdbcSealedSecrets;
import dev.aikagi.jdbc.JdbcSealedSecrets.Column;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.oidc.SigningKeys;
import dev.aikagi.server.properties.Resealable;
import dev.aikagi.testkit.Authenticator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Key rotation: secrets sealed under key "a", key "b" added and made current, the re-encryption command run;
 * then everything is under "b", still opens, running the command again changes nothing, and with "a" gone
 * from the configuration a TOTP login and the backup codes still work.
 */
class ReencryptCommandTest {

    private static final String PASSWORD = "rotate the keys every spring";
    private static final String KEY_A = key(1);
    private static final String KEY_B = key(2);
    private static final String PEPPER = key(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void reencryptWhenNewKeyCurrentThenEverySecretUnderItAndLoginsWorkWithoutTheOldKey() throws Exception {
        byte[] totpKey;
        String signingKey;
        List<String> backupCodes = new ArrayList<>();
        try (RunningServer server = RunningServer.start(dataDir, "--aikagi.keys.pepper.p1=" + PEPPER,
                "--aikagi.keys.encryption.a=" + KEY_A)) {
            post(server, "/api/v1/accounts", Map.of("username", "rotation", "password", PASSWORD), null);
            String token = post(server, "/api/v1/login", Map.of("username", "rotation", "password", PASSWORD), null)
                    .get("sessionToken").asString();
            totpKey = Base32.decode(post(server, "/api/v1/me/totp", Map.of(), token).get("secret").asString()).orElseThrow();
            // Confirmed with the previous step's code, so that the current step is left for the login below.
            JsonNode confirmed = post(server, "/api/v1/me/totp/confirm",
                    Map.of("code", Authenticator.codeAt(totpKey, Instant.now().minusSeconds(30))), token);
            confirmed.get("backupCodes").get("codes").forEach(c -> backupCodes.add(c.asString()));
            post(server, "/api/v1/me/phone", Map.of("phoneNumber", "+819012348888"), token);
            Outcome<UUID, SupportFailure> request = server.bean(SupportService.class).open(
                    new SupportService.Request("rotation", "rotation@example.jp", "I lost my phone", "en"),
                    List.of(new SupportService.Upload("id.png", png())), new ClientAddress("198.51.100.9"));
            assertThat(request.doneValue()).isPresent();

            JdbcSealedSecrets secrets = new JdbcSealedSecrets(server.bean(DataSource.class));
            for (Column column : Column.values()) {
                assertThat(secrets.countNotUnder(column, "b")).as(column.table()).isPositive();
            }
            signingKey = server.bean(SigningKeys.class).currentKeyId();
        }

        // Run too early, without key "a": nothing can be opened, nothing changes, and the command says so.
        try (RunningServer tooEarly = RunningServer.start(dataDir, "--aikagi.keys.pepper.p1=" + PEPPER,
                "--aikagi.keys.encryption.b=" + KEY_B, "--aikagi.command=reencrypt")) {
            ReencryptCommand failed = tooEarly.bean(ReencryptCommand.class);
            assertThat(failed.summary().resealed()).allSatisfy((column, count) -> assertThat(count).isZero());
            assertThat(failed.summary().unreadable().get(Column.BACKUP_CODE)).isEqualTo(10);
            assertThat(failed.signingKeysResealed().unreadable()).isEqualTo(1);
            assertThat(failed.getExitCode()).isEqualTo(1);
            assertThat(failed.summaryLine()).contains("they keep their old key");
        }

        String[] rotated = {"--aikagi.keys.pepper.p1=" + PEPPER, "--aikagi.keys.encryption.a=" + KEY_A,
                "--aikagi.keys.encryption.b=" + KEY_B, "--aikagi.keys.encryption-current=b"};
        try (RunningServer command = RunningServer.start(dataDir, concat(rotated, "--aikagi.command=reencrypt"))) {
            ReencryptCommand done = command.bean(ReencryptCommand.class);
            Reencryption.Summary summary = done.summary();
            assertThat(summary.resealed()).allSatisfy((column, count) -> assertThat(count).as(column.table()).isPositive());
            assertThat(summary.resealed().get(Column.BACKUP_CODE)).isEqualTo(10);
            assertThat(summary.totalUnreadable()).isZero();
            assertThat(done.signingKeysResealed()).isEqualTo(new Resealable.Resealed(1, 0));
            assertThat(done.getExitCode()).isZero();
            assertThat(done.summaryLine()).startsWith("Re-encryption under key 'b' done: re-sealed totp_factor 1, backup_code 10,")
                    .endsWith("could not open 0");

            DataSource dataSource = command.bean(DataSource.class);
            JdbcSealedSecrets secrets = new JdbcSealedSecrets(dataSource);
            SecretCipher cipher = command.bean(SecretCipher.class);
            for (Column column : Column.values()) {
                assertThat(secrets.countNotUnder(column, "b")).as(column.table()).isZero();
            }
            assertEveryValueOpens(JdbcClient.create(dataSource), cipher);
        }

        try (RunningServer again = RunningServer.start(dataDir, concat(rotated, "--aikagi.command=reencrypt"))) {
            Reencryption.Summary summary = again.bean(ReencryptCommand.class).summary();
            assertThat(summary.resealed()).as("safe to run again: nothing left to do")
                    .allSatisfy((column, count) -> assertThat(count).isZero());
        }

        try (RunningServer withoutA = RunningServer.start(dataDir, "--aikagi.keys.pepper.p1=" + PEPPER,
                "--aikagi.keys.encryption.b=" + KEY_B)) {
            assertThat(withoutA.bean(SigningKeys.class).keys()).extracting(k -> k.getKeyID())
                    .as("the token signing key opens under b alone").containsExactly(signingKey);
            String flow = post(withoutA, "/api/v1/login", Map.of("username", "rotation", "password", PASSWORD), null)
                    .get("flowId").asString();
            JsonNode in = post(withoutA, "/api/v1/login/" + flow + "/verify", Map.of("method", "totp",
                    "code", Authenticator.codeAt(totpKey, Instant.now())), null);
            assertThat(in.get("status").asString()).isEqualTo("AUTHENTICATED");
            JsonNode shown = post(withoutA, "/api/v1/me/backup-codes/reveal", Map.of("password", PASSWORD),
                    in.get("sessionToken").asString());
            List<String> revealed = new ArrayList<>();
            shown.get("codes").forEach(c -> revealed.add(c.get("code").asString()));
            assertThat(revealed).containsExactlyElementsOf(backupCodes);

            String flow2 = post(withoutA, "/api/v1/login", Map.of("username", "rotation", "password", PASSWORD), null)
                    .get("flowId").asString();
            assertThat(post(withoutA, "/api/v1/login/" + flow2 + "/verify",
                    Map.of("method", "backup_code", "code", backupCodes.get(3)), null).get("status").asString())
                    .isEqualTo("AUTHENTICATED");
        }
    }

    @Test
    void startWhenCommandUnknownThenStopsNamingIt() {
        assertThatThrownBy(() -> RunningServer.start(dataDir, "--aikagi.command=reincrypt"))
                .hasStackTraceContaining("aikagi.command: 'reincrypt' is not a command; the commands are reencrypt, grant-role, revoke-role, users");
    }

    /** Each stored value opens with the key ring of the command, under the associated data its owner uses. */
    private static void assertEveryValueOpens(JdbcClient jdbc, SecretCipher cipher) {
        Map<Column, String> queries = Map.of(
                Column.TOTP_SECRET, "select id, sealed_secret from totp_factor",
                Column.BACKUP_CODE, "select id, sealed from backup_code where sealed is not null",
                Column.MESSAGE_BODY, "select id, sealed_body from message_queue",
                Column.SUPPORT_EVIDENCE, "select id, sealed from support_evidence");
        queries.forEach((column, sql) -> {
            List<Map<String, Object>> rows = jdbc.sql(sql).query().listOfRows();
            assertThat(rows).as(column.table()).isNotEmpty();
            for (Map<String, Object> row : rows) {
                UUID id = (UUID) row.get("id");
                String sealed = (String) row.values().stream().filter(String.class::isInstance).findFirst().orElseThrow();
                assertThat(sealed).startsWith("b:");
                assertThat(cipher.open(sealed, Reencryption.context(column, id))).isNotEmpty();
            }
        });
    }

    private JsonNode post(RunningServer server, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static String[] concat(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

    private static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
