package dev.aikagi.core.trust;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A browser or app an account trusts to skip the second step of its logins until {@code expiresAt} (issue 17,
 * "remember this browser"; NIST SP 800-63B-4 §2.2.2 lets a login keep AAL2 with the password and a
 * remembered device that holds a key the verifier issued).
 *
 * @param id          a random handle, shown in lists and used to remove the device; never the secret
 * @param digest      keyed digest (HMAC with the pepper, per-record salt) of the device's secret: the browser's
 *                    cookie secret, or the app's {@code Aikagi-Device} value
 * @param description what the device was, as {@code Devices.describe} stored it ({@code chrome/windows},
 *                    {@code app})
 * @param lastNetwork the /24 (IPv4) or /48 (IPv6) the device was last used from: a place, not a line
 */
public record TrustedDevice(UUID id, AccountId accountId, Kind kind, KeyedDigest digest, String description,
                            Instant createdAt, Instant lastUsedAt, String lastNetwork, Instant expiresAt) {

    /** A browser (a cookie holding a secret the server made) or an app (its own {@code Aikagi-Device} value). */
    public enum Kind {
        BROWSER,
        APP
    }

    public TrustedDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(lastNetwork, "lastNetwork");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
