package dev.aikagi.core.audit;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator searches the audit log for. Every part is optional; the answer is newest first.
 *
 * @param types any of these types; all types when empty
 * @param from events at or after it
 * @param until events before it
 */
public record AuditQuery(Optional<AccountId> account, Set<AuditType> types, Optional<Instant> from,
                         Optional<Instant> until, int limit) {

    public AuditQuery {
        Objects.requireNonNull(account, "account");
        types = Set.copyOf(Objects.requireNonNull(types, "types"));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }

    public boolean matches(AuditEvent event) {
        return account.map(a -> a.equals(event.accountId())).orElse(true)
                && (types.isEmpty() || types.contains(event.type()))
                && from.map(f -> !event.at().isBefore(f)).orElse(true)
                && until.map(event.at()::isBefore).orElse(true);
    }
}
