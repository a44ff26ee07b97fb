package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One registered passkey: a WebAuthn public key credential (W3C WebAuthn Level 3 §4, "credential record" §4.1).
 *
 * @param credentialId the credential's raw id, Base64url without padding
 * @param publicKey    the credential public key as a COSE_Key (RFC 9052 §7), standard Base64
 * @param signCount    the authenticator's signature counter as last seen (§6.1.1); 0 if it keeps none
 * @param name         what the person called it ("work laptop")
 * @param lastUsedAt   the last login or step-up with it, if any
 */
public record Passkey(UUID id, AccountId accountId, String credentialId, String publicKey, long signCount, String name,
                      Instant createdAt, Optional<Instant> lastUsedAt) {

    /** The longest name kept; longer names are cut (they are only labels). */
    public static final int MAX_NAME = 64;

    public Passkey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        if (signCount < 0) {
            throw new IllegalArgumentException("signCount " + signCount + " < 0");
        }
    }
}
