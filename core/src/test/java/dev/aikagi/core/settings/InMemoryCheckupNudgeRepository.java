package dev.aikagi.core.settings;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** {@link CheckupNudgeRepository} in memory, for tests. Thread-safe. */
public final class InMemoryCheckupNudgeRepository implements CheckupNudgeRepository {

    private record Row(Instant shownAt, UUID sessionId, Instant dismissedAt) {
    }

    private final Map<AccountId, Row> rows = new HashMap<>();

    @Override
    public synchronized boolean claim(AccountId accountId, UUID sessionId, Instant now, Instant lastBefore) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sessionId, "sessionId");
        Row row = rows.get(accountId);
        if (row != null && (row.dismissedAt() != null || (row.shownAt() != null && !row.shownAt().isBefore(lastBefore)))) {
            return false;
        }
        rows.put(accountId, new Row(now, sessionId, null));
        return true;
    }

    @Override
    public synchronized boolean heldBy(AccountId accountId, UUID sessionId) {
        Row row = rows.get(accountId);
        return row != null && row.dismissedAt() == null && sessionId.equals(row.sessionId());
    }

    @Override
    public synchronized void putOff(AccountId accountId) {
        Row row = rows.get(accountId);
        if (row != null) {
            rows.put(accountId, new Row(row.shownAt(), null, row.dismissedAt()));
        }
    }

    @Override
    public synchronized void dismiss(AccountId accountId, Instant at) {
        Objects.requireNonNull(accountId, "accountId");
        Row row = rows.get(accountId);
        rows.put(accountId, new Row(row == null ? null : row.shownAt(), null, at));
    }
}
