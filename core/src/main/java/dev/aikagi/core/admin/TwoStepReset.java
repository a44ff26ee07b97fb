package dev.aikagi.core.admin;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A two-step reset an operator ordered, waiting until {@code effectiveAt} unless the person cancels it (issue 18).
 *
 * @param requestedBy {@code client:<client id>} or {@code command}
 */
public record TwoStepReset(UUID id, AccountId accountId, AdminTwoStep.Method method, String requestedBy,
                           Instant requestedAt, Instant effectiveAt) {
    public TwoStepReset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
    }
}
