package dev.aikagi.core.code;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** {@link OneTimeCodeRepository} in memory, for tests. Thread-safe: every method holds the one lock. */
public final class InMemoryOneTimeCodeRepository implements OneTimeCodeRepository {

    /**
     * Newest first, as the JDBC repository orders: ties on the creation time put the code still current
     * first, then the one superseded last; ids compare as their text, which is how the databases order uuid.
     */
    private static final Comparator<OneTimeCode> NEWEST_FIRST = Comparator
            .comparing(OneTimeCode::createdAt, Comparator.reverseOrder())
            .thenComparing(OneTimeCode::supersededAt, Comparator.nullsFirst(Comparator.reverseOrder()))
            .thenComparing(c -> c.id().toString(), Comparator.reverseOrder());

    private final Map<UUID, OneTimeCode> byId = new LinkedHashMap<>();

    @Override
    public synchronized void issue(OneTimeCode code) {
        Objects.requireNonNull(code, "code");
        if (byId.containsKey(code.id())) {
            throw new Conflict("one-time code id already exists");
        }
        byId.replaceAll((id, c) -> c.accountId().equals(code.accountId()) && c.purpose() == code.purpose()
                && c.usedAt() == null && c.supersededAt() == null
                && (!code.purpose().supersedesOnlyItsBinding() || c.binding().equals(code.binding()))
                ? new OneTimeCode(c.id(), c.accountId(), c.purpose(), c.binding(), c.digest(), c.createdAt(),
                        c.expiresAt(), null, code.createdAt())
                : c);
        byId.put(code.id(), code);
    }

    @Override
    public synchronized List<OneTimeCode> recent(AccountId accountId, CodePurpose purpose, int limit) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(purpose, "purpose");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return byId.values().stream()
                .filter(c -> c.accountId().equals(accountId) && c.purpose() == purpose)
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean markUsed(UUID id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        OneTimeCode c = byId.get(id);
        if (c == null || !c.isUsable(now)) {
            return false;
        }
        byId.put(id, new OneTimeCode(c.id(), c.accountId(), c.purpose(), c.binding(), c.digest(), c.createdAt(),
                c.expiresAt(), now, c.supersededAt()));
        return true;
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        int size = byId.size();
        byId.values().removeIf(c -> c.expiresAt().isBefore(before));
        return size - byId.size();
    }
}
