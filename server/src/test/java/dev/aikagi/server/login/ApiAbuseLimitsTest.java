package dev.aikagi.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.server.RunningServer;
import dev.aikagi.server.properties.InvalidConfigurationException;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.testkit.ApiClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14 points 3 and 4 through the JSON API: sign-up limited per client address (429, Retry-After,
 * {@code too_many_attempts}), text messages only to allowed regions ({@code phone_region_not_allowed}),
 * verification of someone else's number never spends the owner's login codes, every refusal in the metrics,
 * and a bad region code stops start-up.
 */
class ApiAbuseLimitsTest {

    private static final String PASSWORD = "かきくえばかねがなるなりほうりゅうじ";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static ApiClient api;
    static Outbox outbox;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.sign-up.hourly-limit-per-address=2", "--aikagi.sms.allowed-regions=JP");
        api = new ApiClient(server.port());
        outbox = new Outbox(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Reply post(String path, Map<String, String> body, String token, String from) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request.build());
    }

    private static ApiClient.Reply signUp(String username, String from) {
        return post("/api/v1/accounts", Map.of("username", username, "password", PASSWORD), null, from);
    }

    /** A new account signed in from an address of its own; its session token. */
    private static String signedIn(String from) {
        String username = "abuse" + USERS.incrementAndGet();
        assertThat(signUp(username, from).status()).isEqualTo(201);
        ApiClient.Reply login = post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null, from);
        assertThat(login.text("status")).isEqualTo("AUTHENTICATED");
        return login.text("sessionToken");
    }

    private static String metrics() {
        try {
            return server.get("/actuator/prometheus").body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signUpWhenOverTheHourlyLimitOfOneAddressThen429WithRetryAfter() {
        assertThat(signUp("limit_a1", "203.0.113.5").status()).isEqualTo(201);
        assertThat(signUp("limit_a2", "203.0.113.5").status()).isEqualTo(201);

        ApiClient.Reply refused = signUp("limit_a3", "203.0.113.5");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("too_many_attempts");
        assertThat(refused.text("retryAt")).isNotBlank();
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(3000L, 3600L));
        assertThat(signUp("limit_a3", "203.0.113.6").status()).as("another address").isEqualTo(201);
        assertThat(metrics()).containsPattern("aikagi_rate_limited_total\\{[^}]*step=\"sign_up\"[^}]*} [1-9]");
    }

    @Test
    void signUpWhenAddressesShareAnIpv6SlashSixtyFourThenTheyShareTheLimit() {
        assertThat(signUp("limit_b1", "2001:db8:77:1::1").status()).isEqualTo(201);
        assertThat(signUp("limit_b2", "2001:db8:77:1::2").status()).isEqualTo(201);

        assertThat(signUp("limit_b3", "2001:db8:77:1:ffff::3").status()).isEqualTo(429);
        assertThat(signUp("limit_b3", "2001:db8:77:2::1").status()).isEqualTo(201);
    }

    @Test
    void addPhoneWhenNumberOutsideAllowedRegionsThenRefusedBeforeAnySend() {
        String token = signedIn("198.51.100.21");

        ApiClient.Reply refused = post("/api/v1/me/phone", Map.of("phoneNumber", "+447400123456"), token, "198.51.100.21");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("phone_region_not_allowed");
        assertThat(outbox.to("+447400123456")).isEmpty();
        assertThat(metrics()).containsPattern("aikagi_sms_refused_total\\{[^}]*reason=\"region_not_allowed\"[^}]*} [1-9]");
    }

    @Test
    void addPhoneWhenThrowawayAccountsSpendVerificationOfOwnersNumberThenOwnerStillGetsLoginCodes() {
        String owner = "owner" + USERS.incrementAndGet();
        assertThat(signUp(owner, "198.51.100.30").status()).isEqualTo(201);
        String ownerToken = post("/api/v1/login", Map.of("username", owner, "password", PASSWORD), null,
                "198.51.100.30").text("sessionToken");
        String number = "+819055550030";
        assertThat(post("/api/v1/me/phone", Map.of("phoneNumber", number), ownerToken, "198.51.100.30").status())
                .isEqualTo(202);
        assertThat(post("/api/v1/me/phone/confirm", Map.of("code", outbox.latestCode(number)), ownerToken,
                "198.51.100.30").status()).isEqualTo(200);
        // Throwaway accounts (from addresses of their own) ask to verify the owner's number until the number's
        // allowance for verification codes (5 an hour, the owner's own request included) is spent.
        int accepted = 0;
        ApiClient.Reply last = null;
        for (int i = 0; i < 6; i++) {
            String from = "192.0.2." + (40 + i);
            last = post("/api/v1/me/phone", Map.of("phoneNumber", number), signedIn(from), from);
            accepted += last.status() == 202 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(4);
        assertThat(last.text("code")).isEqualTo("too_many_sends");
        // Issue 17: the spent budget keeps its own wording, and is not "send again" too soon.
        assertThat(last.json().has("nextSendAt")).isFalse();
        assertThat(last.text("detail")).startsWith("Too many codes were sent");

        ApiClient.Reply login = post("/api/v1/login", Map.of("username", owner, "password", PASSWORD), null,
                "198.51.100.30");
        ApiClient.Reply sent = post("/api/v1/login/" + login.text("flowId") + "/send-code", Map.of("method", "sms"),
                null, "198.51.100.30");

        assertThat(sent.status()).isEqualTo(202);
    }

    @Test
    void startWhenAllowedRegionUnknownThenStartUpStopsNamingTheSetting(@TempDir Path otherDir) {
        assertThatThrownBy(() -> RunningServer.start(otherDir, "--aikagi.sms.allowed-regions=JP,XX").close())
                .satisfies(e -> {
                    Throwable cause = e;
                    while (cause != null && !(cause instanceof InvalidConfigurationException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isNotNull();
                    assertThat(cause.getMessage()).startsWith("aikagi.sms.allowed-regions: 'XX'");
                });
    }
}
