package dev.aikagi.core.audit;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** {@link AuditLog} in memory, for tests. Thread-safe. */
public final class InMemoryAuditLog implements AuditLog {

    private final Map<UUID, AuditEvent> events = new LinkedHashMap<>();

    @Override
    public synchronized void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (events.containsKey(event.id())) {
            throw new Conflict("audit event id already exists");
        }
        events.put(event.id(), event);
    }

    @Override
    public synchronized List<AuditEvent> recent(AccountId accountId, int limit) {
        Objects.requireNonNull(accountId, "accountId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return events.values().stream()
                .filter(e -> accountId.equals(e.accountId()))
                .sorted(Comparator.comparing(AuditEvent::at).reversed().thenComparing(AuditEvent::id))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<AuditEvent> search(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return events.values().stream()
                .filter(query::matches)
                .sorted(Comparator.comparing(AuditEvent::at).reversed().thenComparing(AuditEvent::id))
                .limit(query.limit())
                .toList();
    }

    /** Every event, in the order recorded: lets tests assert what was audited. */
    public synchronized List<AuditEvent> all() {
        return List.copyOf(events.values());
    }
}
