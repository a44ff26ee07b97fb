package dev.aikagi.reliability;

import static dev.aikagi.testkit.ApiClient.expect;
import static dev.aikagi.testkit.ApiClient.json;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Authenticator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Seeds accounts through the JSON API, as an app would. */
final class Accounts {

    /** One test account and what its owner knows. */
    static final class Account {
        final String username;
        final String password;
        String token;
        String totpSecret;
        List<String> backupCodes = List.of();
        String phone;

        Account(String username, String password) {
            this.username = username;
            this.password = password;
        }

        String credentials() {
            return json("username", username, "password", password);
        }

        @Override
        public String toString() {
            return username;
        }
    }

    private static final AtomicLong USERNAMES = new AtomicLong();
    private static final AtomicLong PHONES = new AtomicLong(10_000_000);
    private static final AtomicLong ADDRESSES = new AtomicLong(1);

    private Accounts() {
    }

    /** A client address nobody else in this JVM uses, so that per-address limits stay out of the way. */
    static String freshAddress() {
        long n = ADDRESSES.getAndIncrement();
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    /** A Japanese mobile number nobody else in this JVM uses (sending is limited per number). */
    static String freshPhone() {
        return "+8190" + PHONES.getAndIncrement();
    }

    /** Signs up and logs in (password only): the account has a session token and no second factor. */
    static Account create(ApiClient api, String prefix) {
        Account account = new Account(prefix + "-" + USERNAMES.incrementAndGet(), "Kumo-ni-noru " + System.nanoTime());
        String from = freshAddress();
        expect(api.post("/api/v1/accounts", account.credentials(), null, from), 201, "sign-up " + account);
        account.token = expect(api.post("/api/v1/login", account.credentials(), null, from), 200, "login " + account)
                .text("sessionToken");
        return account;
    }

    /** Turns on TOTP, confirmed with the previous step's code so that the current step is still unused. */
    static void enableTotp(ApiClient api, Account account) {
        String from = freshAddress();
        account.totpSecret = expect(api.post("/api/v1/me/totp", "{}", account.token, from), 200, "start TOTP").text("secret");
        // The server accepts the previous step too. On a busy machine the request can land two steps later
        // than the code was made (it crossed a 30 s boundary while queued); then the code is refused and counts
        // as one wrong code, and the confirmation is tried again with the previous step of the new time.
        ApiClient.Reply answer = null;
        for (int tries = 0; tries < 3; tries++) {
            long step = currentStep() - 1;
            answer = api.post("/api/v1/me/totp/confirm", json("code", totp(account, step)), account.token, from);
            long landed = currentStep() - 1;
            if (!"code_invalid".equals(answer.code()) || landed == step) {
                break;
            }
        }
        JsonNode confirmed = expect(answer, 200, "confirm TOTP").json();
        account.backupCodes = ApiClient.strings(confirmed.path("backupCodes").path("codes"));
    }

    /** Adds and confirms a phone number (the first method turns two-step verification on). */
    static void addPhone(ApiClient api, Account account, MessageSink sink) {
        String from = freshAddress();
        account.phone = freshPhone();
        int before = sink.size();
        expect(api.post("/api/v1/me/phone", json("phoneNumber", account.phone), account.token, from), 202, "add phone");
        String code = sink.awaitCode(account.phone, before);
        JsonNode confirmed = expect(api.post("/api/v1/me/phone/confirm", json("code", code), account.token, from), 200,
                "confirm phone").json();
        if (confirmed.has("backupCodes")) {
            account.backupCodes = ApiClient.strings(confirmed.path("backupCodes").path("codes"));
        }
    }

    /** Password step: the id of a login flow waiting for the second factor. */
    static String startLogin(ApiClient api, Account account, String from) {
        ApiClient.Reply response = expect(api.post("/api/v1/login", account.credentials(), null, from), 200, "login " + account);
        if (!"SECOND_FACTOR_REQUIRED".equals(response.text("status"))) {
            throw new AssertionError("expected a second step for " + account + ": " + response);
        }
        return response.text("flowId");
    }

    static String totp(Account account, long step) {
        return new Authenticator(account.totpSecret, Clock.systemUTC()).codeOfStep(step);
    }

    static long currentStep() {
        return Authenticator.stepAt(Instant.now());
    }
}
