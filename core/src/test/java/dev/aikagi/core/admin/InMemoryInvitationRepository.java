package dev.aikagi.core.admin;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link InvitationRepository} in memory, for core tests. */
public final class InMemoryInvitationRepository implements InvitationRepository {

    private record Row(AccountId accountId, Instant expiresAt, Instant usedAt) {
    }

    private final Map<String, Row> rows = new ConcurrentHashMap<>();

    @Override
    public void create(String tokenHash, AccountId accountId, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(createdAt, "createdAt");
        if (rows.putIfAbsent(tokenHash, new Row(accountId, expiresAt, null)) != null) {
            throw new Conflict("invitation already exists");
        }
    }

    @Override
    public Optional<AccountId> findUsable(String tokenHash, Instant now) {
        return Optional.ofNullable(rows.get(tokenHash)).filter(r -> r.usedAt() == null && r.expiresAt().isAfter(now))
                .map(Row::accountId);
    }

    @Override
    public synchronized boolean use(String tokenHash, Instant now) {
        Row row = rows.get(tokenHash);
        if (row == null || row.usedAt() != null || !row.expiresAt().isAfter(now)) {
            return false;
        }
        rows.put(tokenHash, new Row(row.accountId(), row.expiresAt(), now));
        return true;
    }

    @Override
    public synchronized int revokeAll(AccountId accountId) {
        int before = rows.size();
        rows.values().removeIf(r -> r.accountId().equals(accountId) && r.usedAt() == null);
        return before - rows.size();
    }
}
