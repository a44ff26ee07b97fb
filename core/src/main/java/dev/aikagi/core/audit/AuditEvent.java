package dev.aikagi.core.audit;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One recorded security event. Details never hold a code, secret, key URI or password — only facts
 * such as the method used, a reason, or how many codes remain.
 *
 * @param accountId the account concerned, or null when unknown (a failed password for a name
 *     that may not exist is recorded under no account)
 */
public record AuditEvent(UUID id, Instant at, AuditType type, AccountId accountId, String clientAddress,
                         Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        details = Map.copyOf(details);
    }
}
