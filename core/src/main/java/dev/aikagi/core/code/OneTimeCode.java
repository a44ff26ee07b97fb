package dev.aikagi.core.code;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A code sent by SMS or email, stored as a keyed digest only.
 *
 * @param binding what the code is good for: a login flow's id, or the address being verified
 */
public record OneTimeCode(UUID id, AccountId accountId, CodePurpose purpose, String binding, KeyedDigest digest,
                          Instant createdAt, Instant expiresAt, Instant usedAt, Instant supersededAt) {

    public OneTimeCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isUsable(Instant now) {
        return usedAt == null && supersededAt == null && now.isBefore(expiresAt);
    }
}
