package dev.aikagi.demo.browser;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.ConfirmationCodes;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts made through Aikagi's JSON API, as an app would: sign up, and for two-step accounts log in, start
 * the authenticator app and confirm it with a code computed here (RFC 6238, Aikagi's own implementation),
 * which also hands out the first backup codes.
 */
final class ApiAccounts {

    private static final TotpParameters TOTP = TotpParameters.DEFAULT;

    private final URI base;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ApiAccounts(URI base, Clock clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An account and what its owner knows: the password, the app's key, the backup codes not used yet. */
    final class Account {
        final String id;
        final String username;
        final String password;
        private final byte[] totpKey;
        private final Deque<String> backupCodes;
        private long lastStep;

        private Account(String id, String username, String password, byte[] totpKey, List<String> backupCodes, long lastStep) {
            this.id = id;
            this.username = username;
            this.password = password;
            this.totpKey = totpKey;
            this.backupCodes = new ArrayDeque<>(backupCodes);
            this.lastStep = lastStep;
        }

        /**
         * The app's code now, for a step Aikagi has not seen from this account (it refuses a replayed step,
         * RFC 6238 §5.2): waits for the next 30-second step only when this one was used already.
         */
        String totpCode() {
            Objects.requireNonNull(totpKey, "the account has no authenticator app");
            await().atMost(Duration.ofSeconds(TOTP.periodSeconds() + 5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> currentStep() > lastStep);
            lastStep = currentStep();
            return Totp.hotp(totpKey, lastStep, TOTP.algorithm(), TOTP.digits());
        }

        String nextBackupCode() {
            return Objects.requireNonNull(backupCodes.poll(), "no backup codes left");
        }
    }

    Account passwordOnly(String username) throws IOException, InterruptedException {
        String password = newPassword();
        String id = signUp(username, password);
        return new Account(id, username, password, null, List.of(), Long.MIN_VALUE);
    }

    Account withAuthenticatorApp(String username) throws IOException, InterruptedException, ParseException {
        String password = newPassword();
        String id = signUp(username, password);
        String token = (String) json(expect(post("/api/v1/login", credentials(username, password), null), 200, "API login"))
                .get("sessionToken");
        String secret = (String) json(expect(post("/api/v1/me/totp", "{}", token), 200, "start TOTP")).get("secret");
        byte[] key = Base32.decode(secret).orElseThrow();
        // The same choice as the bench's seeder: still inside the server's window when the request lands, and
        // the previous step's code while there is time, so the current step is free for the login.
        ConfirmationCodes.Confirmed<Map<String, Object>> confirmation;
        try {
            confirmation = ConfirmationCodes.confirm(key, clock, TOTP, choice -> {
                HttpResponse<String> answer = post("/api/v1/me/totp/confirm", "{\"code\":\"" + choice.code() + "\"}", token);
                if (answer.statusCode() == 401 && answer.body().contains("\"code_invalid\"")) {
                    return Optional.empty();
                }
                return Optional.of(json(expect(answer, 200, "confirm TOTP")));
            });
        } catch (IOException | InterruptedException | ParseException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("confirm TOTP", e);
        }
        Map<String, Object> confirmed = confirmation.answer();
        long step = confirmation.step();
        @SuppressWarnings("unchecked")
        List<String> codes = (List<String>) ((Map<String, Object>) confirmed.get("backupCodes")).get("codes");
        post("/api/v1/logout", "{}", token);
        return new Account(id, username, password, key, codes, step);
    }

    private String signUp(String username, String password) throws IOException, InterruptedException {
        try {
            return (String) json(expect(post("/api/v1/accounts", credentials(username, password), null), 201, "sign-up"))
                    .get("accountId");
        } catch (ParseException e) {
            throw new IllegalStateException("sign-up answer is not JSON", e);
        }
    }

    private long currentStep() {
        return Totp.stepAt(clock.instant(), TOTP.periodSeconds());
    }

    private String newPassword() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "Kumo-" + HexFormat.of().formatHex(bytes);
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    private HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static Map<String, Object> json(String body) throws ParseException {
        return JSONObjectUtils.parse(body);
    }
}
