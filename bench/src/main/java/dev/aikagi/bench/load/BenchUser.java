package dev.aikagi.bench.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * One generated account and what the generator must remember about it between logins: the last
 * TOTP step it used (Aikagi refuses a step that is not newer, RFC 6238 §5.2) and the backup codes
 * not used yet. Mutable, but only ever touched by the one virtual user that holds it.
 */
final class BenchUser {

    final String username;
    final String password;
    final byte[] totpKey;
    final String totpSecret;
    final Deque<String> backupCodes;
    long lastStep;
    /** The browser's long-lived device cookie: a returning browser keeps it, as a person's does. */
    String deviceCookie;

    BenchUser(String username, String password, String totpSecret, List<String> backupCodes, long lastStep,
              String deviceCookie) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.totpSecret = Objects.requireNonNull(totpSecret, "totpSecret");
        this.totpKey = dev.aikagi.core.factor.totp.Base32.decode(totpSecret)
                .orElseThrow(() -> new IllegalArgumentException("TOTP secret of " + username + " is not base32"));
        this.backupCodes = new ArrayDeque<>(backupCodes);
        this.lastStep = lastStep;
        this.deviceCookie = deviceCookie;
    }
}
