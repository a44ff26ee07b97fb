package dev.aikagi.core.session;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link SessionRepository} in memory, for tests. Thread-safe. Refuses what the JDBC table cannot hold, so
 * core tests catch it too: a duplicate id or token hash, and {@code amr} values that are empty or hold
 * the comma the column is separated by.
 */
public final class InMemorySessionRepository implements SessionRepository {

    private final Map<UUID, Session> byId = new HashMap<>();

    @Override
    public synchronized void create(Session session) {
        Objects.requireNonNull(session, "session");
        checkAmr(session.amr());
        if (byId.containsKey(session.id())) {
            throw new Conflict("session id already exists");
        }
        if (tokenHashTakenByOtherThan(session)) {
            throw new Conflict("session token hash already exists");
        }
        byId.put(session.id(), session);
    }

    @Override
    public synchronized Optional<Session> findByTokenHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return byId.values().stream().filter(s -> s.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public synchronized boolean replace(Session session, String previousTokenHash) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(previousTokenHash, "previousTokenHash");
        checkAmr(session.amr());
        Session stored = byId.get(session.id());
        if (stored == null || !stored.tokenHash().equals(previousTokenHash)) {
            return false;
        }
        if (tokenHashTakenByOtherThan(session)) {
            throw new Conflict("session token hash already exists");
        }
        byId.put(session.id(), session);
        return true;
    }

    @Override
    public synchronized void touch(UUID id, java.time.Instant lastSeenAt) {
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        byId.computeIfPresent(Objects.requireNonNull(id, "id"), (key, s) -> s.lastSeenAt().isBefore(lastSeenAt)
                ? new Session(s.id(), s.tokenHash(), s.accountId(), s.amr(), s.assurance(), s.createdAt(), lastSeenAt,
                        s.reauthenticatedAt(), s.kind())
                : s);
    }

    @Override
    public synchronized void markReauthenticated(UUID id, java.time.Instant at) {
        Objects.requireNonNull(at, "at");
        byId.computeIfPresent(Objects.requireNonNull(id, "id"), (key, s) -> new Session(s.id(), s.tokenHash(),
                s.accountId(), s.amr(), s.assurance(), s.createdAt(), at, at, s.kind()));
    }

    @Override
    public synchronized void delete(UUID id) {
        Objects.requireNonNull(id, "id");
        byId.remove(id);
    }

    @Override
    public synchronized int deleteAllOf(AccountId accountId, Optional<UUID> keep) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(keep, "keep");
        int before = byId.size();
        byId.values().removeIf(s -> s.accountId().equals(accountId) && !keep.equals(Optional.of(s.id())));
        return before - byId.size();
    }

    @Override
    public synchronized int deleteInactive(Instant now) {
        Objects.requireNonNull(now, "now");
        int before = byId.size();
        byId.values().removeIf(s -> !s.isActiveAt(now));
        return before - byId.size();
    }

    @Override
    public synchronized List<Session> findByAccount(AccountId accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        return byId.values().stream()
                .filter(s -> s.accountId().equals(accountId) && s.isActiveAt(now))
                .sorted(Comparator.comparing(Session::createdAt).reversed().thenComparing(Session::id))
                .toList();
    }

    private boolean tokenHashTakenByOtherThan(Session session) {
        return byId.values().stream()
                .anyMatch(s -> s.tokenHash().equals(session.tokenHash()) && !s.id().equals(session.id()));
    }

    private static void checkAmr(List<String> amr) {
        for (String method : amr) {
            if (method.isEmpty() || method.contains(",")) {
                throw new IllegalArgumentException("amr values must be non-empty and hold no comma, was " + amr);
            }
        }
    }
}
