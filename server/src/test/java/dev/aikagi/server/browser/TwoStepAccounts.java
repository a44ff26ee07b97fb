package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.server.browser.TestPeople.Person;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts with two-step verification on, for tests whose subject comes after turning it on. Made
 * through the JSON API, which is quicker than a browser; {@link BackupCodeJourneyTest} covers turning
 * it on through the pages.
 */
final class TwoStepAccounts {

    /**
     * What the person has once two-step verification is on.
     *
     * @param totpKey the authenticator app's key, Base32
     */
    record Enrolled(AccountId account, String totpKey, List<String> backupCodes) {

        /** What the authenticator app shows at {@code at}. */
        String totpCodeAt(Instant at) {
            return totpCode(totpKey, at);
        }

        @Override
        public String toString() {
            return "Enrolled[" + account + "]";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TwoStepAccounts() {
    }

    static Enrolled signUpWithTwoStep(BrowserServer server, Person person) {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> credentials = Map.of("username", person.username(), "password", person.password());
        String accountId = post(http, server, "/api/v1/accounts", credentials, null).get("accountId").asString();
        String token = post(http, server, "/api/v1/login", credentials, null).get("sessionToken").asString();
        String key = post(http, server, "/api/v1/me/totp", Map.of(), token).get("secret").asString();
        JsonNode confirmed = post(http, server, "/api/v1/me/totp/confirm",
                Map.of("code", totpCode(key, Instant.now())), token);
        assertThat(confirmed.get("twoStepEnabled").asBoolean()).as("two-step verification on").isTrue();
        List<String> codes = new ArrayList<>();
        confirmed.get("backupCodes").get("codes").forEach(code -> codes.add(code.asString()));
        post(http, server, "/api/v1/logout", Map.of(), token);
        return new Enrolled(AccountId.parse(accountId), key, List.copyOf(codes));
    }

    /** Logs in through the API once with each of {@code codes}, as if they had been used on other devices. */
    static void useBackupCodes(BrowserServer server, Person person, List<String> codes) {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> credentials = Map.of("username", person.username(), "password", person.password());
        for (String code : codes) {
            String flow = post(http, server, "/api/v1/login", credentials, null).get("flowId").asString();
            JsonNode verified = post(http, server, "/api/v1/login/" + flow + "/verify",
                    Map.of("method", "backup_code", "code", code), null);
            assertThat(verified.get("status").asString()).isEqualTo("AUTHENTICATED");
            post(http, server, "/api/v1/logout", Map.of(), verified.get("sessionToken").asString());
        }
    }

    /** The code an authenticator app holding {@code key} (Base32, spaces allowed as shown) displays at {@code at}. */
    static String totpCode(String key, Instant at) {
        byte[] bytes = Base32.decode(key.replace(" ", "")).orElseThrow(() -> new AssertionError("not Base32: " + key));
        return Totp.codeAt(bytes, at, TotpParameters.DEFAULT);
    }

    private static JsonNode post(HttpClient http, BrowserServer server, String path, Map<String, String> body,
                                 String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 299);
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("POST " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: POST " + path, e);
        }
    }
}
