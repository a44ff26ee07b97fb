package dev.aikagi.server.login;

import static dev.aikagi.server.login.ApiJourneyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.ApiJourneys;
import dev.aikagi.server.testing.ApiTestSupport;
import dev.aikagi.testkit.ApiClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14, point 3: nobody can lock the owner out through the API. An app whose {@code Aikagi-Device} value
 * completed a login keeps its own attempt budget at both steps; every other client, here on the same
 * address, is throttled by the failures.
 */
class ApiLockOutTest extends ApiTestSupport {

    private static final String PASSWORD = "ゆきだるまの朝ごはん";
    private static final String OWNERS_APP = "owners-phone-app-7f3a9c2e51d04b86a1c9";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void loginWhenOthersFailedManyTimesThenKnownAppStillLogsInAndOthersAreThrottled() {
        List<String> codes = signUpWithTwoStep("api-lockout");
        assertThat(fullLogin("api-lockout", OWNERS_APP, codes.get(0)).text("status"))
                .as("the owner's app completes a login: it is now known").isEqualTo("AUTHENTICATED");

        // Someone who has the password sends wrong backup codes until the account's budget refuses them...
        String stolenFlow = post("/api/v1/login", Map.of("username", "api-lockout", "password", PASSWORD), null)
                .text("flowId");
        ApiClient.Reply refused = null;
        for (int i = 0; i < 4; i++) {
            refused = post("/api/v1/login/" + stolenFlow + "/verify", Map.of("method", "backup_code", "code",
                    wrongCode(codes, i)), null);
        }
        assertProblem(refused, 429, "too_many_attempts");
        // ... and strangers send wrong passwords until the password's budget refuses them, from the owner's address.
        ApiClient.Reply lastGuess = null;
        for (int i = 0; i < 12; i++) {
            lastGuess = post("/api/v1/login", Map.of("username", "api-lockout", "password", "guess number " + i),
                    i % 2 == 0 ? null : "attackers-own-device-value-" + i);
        }
        assertProblem(lastGuess, 429, "too_many_attempts");
        assertThat(lastGuess.headers().firstValue("Retry-After")).isPresent();
        assertProblem(post("/api/v1/login", Map.of("username", "api-lockout", "password", PASSWORD), null),
                429, "too_many_attempts");
        assertProblem(post("/api/v1/login", Map.of("username", "api-lockout", "password", PASSWORD), "short"),
                429, "too_many_attempts");

        ApiClient.Reply owner = fullLogin("api-lockout", OWNERS_APP, codes.get(1));

        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(owner.text("status")).isEqualTo("AUTHENTICATED");
    }

    @Test
    void loginWhenKnownAppGuessesWronglyThenThrottledOnItsOwnBudget() {
        List<String> codes = signUpWithTwoStep("api-stolen-app");
        String app = "stolen-app-value-0d9e8f7a6b5c4d3e2f1a";
        assertThat(fullLogin("api-stolen-app", app, codes.get(0)).text("status")).isEqualTo("AUTHENTICATED");

        ApiClient.Reply last = null;
        for (int i = 0; i < 11; i++) {
            last = post("/api/v1/login", Map.of("username", "api-stolen-app", "password", "guess number " + i), app);
        }

        assertProblem(last, 429, "too_many_attempts");
        assertThat(post("/api/v1/login", Map.of("username", "api-stolen-app", "password", PASSWORD), null).text("status"))
                .as("the device's failures are its own: the owner elsewhere is not slowed")
                .isEqualTo("SECOND_FACTOR_REQUIRED");
    }

    private ApiClient.Reply fullLogin(String username, String device, String backupCode) {
        ApiClient.Reply password = post("/api/v1/login", Map.of("username", username, "password", PASSWORD), device);
        assertThat(password.status()).as(password.body()).isEqualTo(200);
        assertThat(password.text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        return post("/api/v1/login/" + password.text("flowId") + "/verify",
                Map.of("method", "backup_code", "code", backupCode), device);
    }

    private List<String> signUpWithTwoStep(String username) {
        return ApiJourneys.signUpWithTwoStep(api, username);
    }

    private static String wrongCode(List<String> codes, int i) {
        String guess;
        int n = i;
        do {
            guess = String.format("%04d %04d", n, n);
            n += 1000;
        } while (codes.contains(guess));
        return guess;
    }

    private static ApiClient.Reply post(String path, Object body, String device) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (device != null) {
            request.header("Aikagi-Device", device);
        }
        return api.send(request.build());
    }
}
