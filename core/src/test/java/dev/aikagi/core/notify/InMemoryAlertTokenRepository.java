package dev.aikagi.core.notify;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AlertTokenRepository} in memory, for tests. Thread-safe: every method holds the one lock. */
public final class InMemoryAlertTokenRepository implements AlertTokenRepository {

    private record Token(AccountId accountId, String event, Instant createdAt, Instant expiresAt, Instant usedAt) {
    }

    private final Map<String, Token> byHash = new LinkedHashMap<>();

    @Override
    public synchronized void create(String tokenHash, AccountId accountId, String event, Instant createdAt,
                                    Instant expiresAt) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (byHash.containsKey(tokenHash)) {
            throw new Conflict("alert token already exists");
        }
        byHash.put(tokenHash, new Token(accountId, event, createdAt, expiresAt, null));
    }

    @Override
    public synchronized Optional<AccountId> use(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        Token token = byHash.get(tokenHash);
        if (token == null || token.usedAt() != null || !now.isBefore(token.expiresAt())) {
            return Optional.empty();
        }
        byHash.put(tokenHash, new Token(token.accountId(), token.event(), token.createdAt(), token.expiresAt(), now));
        return Optional.of(token.accountId());
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        int size = byHash.size();
        byHash.values().removeIf(t -> t.expiresAt().isBefore(before));
        return size - byHash.size();
    }
}
