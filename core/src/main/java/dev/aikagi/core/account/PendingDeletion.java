package dev.aikagi.core.account;

import java.time.Instant;
import java.util.Objects;

/**
 * An account whose owner asked for it to be deleted: its data goes at {@code dueAt} unless the deletion is
 * cancelled first, by the owner signed in or with the link every channel was sent.
 *
 * @param cancelTokenHash SHA-256 hex of the cancel link's token; the token itself is never stored
 */
public record PendingDeletion(AccountId accountId, Instant requestedAt, Instant dueAt, String cancelTokenHash) {

    public PendingDeletion {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(cancelTokenHash, "cancelTokenHash");
        if (dueAt.isBefore(requestedAt)) {
            throw new IllegalArgumentException("dueAt before requestedAt");
        }
    }

    @Override
    public String toString() {
        return "PendingDeletion[account=" + accountId + ", dueAt=" + dueAt + "]";
    }
}
