package dev.aikagi.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Authenticator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Steps of the journeys as an app does them through the JSON API, shared by the API tests. */
public final class ApiJourneys {

    public static final String PASSWORD = "ゆきだるまの朝ごはん";

    private ApiJourneys() {
    }

    /** Signs up with {@link #PASSWORD} and logs in (no second step yet): the session token. */
    public static String signUpAndLogIn(ApiClient api, String username) {
        ApiClient.Reply created = api.post("/api/v1/accounts", Map.of("username", username, "password", PASSWORD), null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null);
        assertThat(login.text("status")).as(login.body()).isEqualTo("AUTHENTICATED");
        return login.text("sessionToken");
    }

    /** Starts adding the authenticator app from {@code token}'s session: its key as shown (Base32). */
    public static String startTotp(ApiClient api, String token) {
        ApiClient.Reply started = api.post("/api/v1/me/totp", "{}", token);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return started.text("secret");
    }

    /** Turns the app on with the code of now; the first backup codes. */
    public static List<String> enableTotp(ApiClient api, String token) {
        String secret = startTotp(api, token);
        ApiClient.Reply confirmed = api.post("/api/v1/me/totp/confirm",
                Map.of("code", Authenticator.codeAt(secret, Instant.now())), token);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        return ApiClient.strings(confirmed.json().path("backupCodes").path("codes"));
    }

    /** Signs up, logs in and turns the app on: the first backup codes. */
    public static List<String> signUpWithTwoStep(ApiClient api, String username) {
        return enableTotp(api, signUpAndLogIn(api, username));
    }
}
