package dev.aikagi.demo.browser;

import static org.awaitility.Awaitility.await;

import dev.aikagi.testkit.ApiAccounts;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Authenticator;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Accounts made through Aikagi's JSON API, as an app would ({@link ApiAccounts}), and what their owners know:
 * the password, the authenticator app, the backup codes not used yet.
 */
final class TestAccounts {

    private final ApiAccounts api;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TestAccounts(URI base, Clock clock) {
        this.api = new ApiAccounts(new ApiClient(Objects.requireNonNull(base, "base")), clock);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An account and what its owner knows: the password, the app, the backup codes not used yet. */
    static final class Account {
        final String id;
        final String username;
        final String password;
        private final Authenticator app;
        private final Deque<String> backupCodes;
        private long lastStep;

        private Account(String id, String username, String password, Authenticator app, List<String> backupCodes,
                        long lastStep) {
            this.id = id;
            this.username = username;
            this.password = password;
            this.app = app;
            this.backupCodes = new ArrayDeque<>(backupCodes);
            this.lastStep = lastStep;
        }

        /**
         * The app's code now, for a step Aikagi has not seen from this account (it refuses a replayed step,
         * RFC 6238 §5.2): waits for the next 30-second step only when this one was used already.
         */
        String totpCode() {
            Objects.requireNonNull(app, "the account has no authenticator app");
            await().atMost(Duration.ofSeconds(35)).pollInterval(Duration.ofMillis(100))
                    .until(() -> app.step() > lastStep);
            lastStep = app.step();
            return app.codeOfStep(lastStep);
        }

        String nextBackupCode() {
            return Objects.requireNonNull(backupCodes.poll(), "no backup codes left");
        }
    }

    Account passwordOnly(String username) {
        String password = newPassword();
        return new Account(api.signUp(username, password), username, password, null, List.of(), Long.MIN_VALUE);
    }

    Account withAuthenticatorApp(String username) {
        String password = newPassword();
        ApiAccounts.TwoStep enrolled = api.signUpWithTotp(username, password);
        return new Account(enrolled.accountId(), username, password, enrolled.app(clock), enrolled.backupCodes(),
                enrolled.step());
    }

    private String newPassword() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "Kumo-" + HexFormat.of().formatHex(bytes);
    }
}
