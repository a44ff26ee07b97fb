package dev.aikagi.testkit;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;

import dev.aikagi.core.factor.totp.ConfirmationCodes;
import dev.aikagi.core.factor.totp.TotpParameters;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts made through the JSON API, as an app makes them: sign up, log in, turn on the authenticator app
 * (confirmed with a code the server will still accept when the request lands: {@link ConfirmationCodes}),
 * which also hands out the first backup codes.
 */
public final class ApiAccounts {

    private final ApiClient api;
    private final Clock clock;

    public ApiAccounts(ApiClient api, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What the person has once the authenticator app is on.
     *
     * @param secret      the app's key as shown (Base32)
     * @param step        the time step of the code that confirmed it (used: the server refuses it again)
     * @param backupCodes the first backup codes
     */
    public record TwoStep(String accountId, String secret, long step, List<String> backupCodes) {

        public TwoStep {
            backupCodes = List.copyOf(backupCodes);
        }

        /** The person's authenticator app, on {@code clock}. */
        public Authenticator app(Clock clock) {
            return new Authenticator(secret, clock);
        }
    }

    /** Signs up; the new account's id. */
    public String signUp(String username, String password) {
        return expect(api.post("/api/v1/accounts", json("username", username, "password", password), null), 201,
                "sign-up " + username).text("accountId");
    }

    /** The password step of an account without a second step: the session token. */
    public String logIn(String username, String password) {
        return expect(api.post("/api/v1/login", json("username", username, "password", password), null), 200,
                "API login " + username).text("sessionToken");
    }

    public void logOut(String token) {
        api.post("/api/v1/logout", "{}", token);
    }

    /** Turns on the authenticator app for the session {@code token}. */
    public TwoStep enableTotp(String accountId, String token) {
        String secret = expect(api.post("/api/v1/me/totp", "{}", token), 200, "start TOTP").text("secret");
        ConfirmationCodes.Confirmed<ApiClient.Reply> confirmation;
        try {
            confirmation = ConfirmationCodes.confirm(Authenticator.key(secret), clock, TotpParameters.DEFAULT, choice -> {
                ApiClient.Reply answer = api.post("/api/v1/me/totp/confirm", json("code", choice.code()), token);
                // A refused code is told by its problem code, whichever status the API gives it.
                if (answer.status() != 200 && "code_invalid".equals(answer.code())) {
                    return Optional.empty();
                }
                return Optional.of(expect(answer, 200, "confirm TOTP"));
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("confirm TOTP", e);
        }
        List<String> codes = ApiClient.strings(confirmation.answer().json().path("backupCodes").path("codes"));
        return new TwoStep(accountId, secret, confirmation.step(), codes);
    }

    /** Signs up, logs in, turns on the authenticator app and logs out. */
    public TwoStep signUpWithTotp(String username, String password) {
        String id = signUp(username, password);
        String token = logIn(username, password);
        TwoStep enrolled = enableTotp(id, token);
        logOut(token);
        return enrolled;
    }
}
