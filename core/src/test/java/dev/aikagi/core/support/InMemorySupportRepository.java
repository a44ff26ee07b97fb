package dev.aikagi.core.support;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link SupportRepository} in memory, for tests. Thread-safe: every method holds the one lock, and decides
 * on the same conditions as the JDBC repository's conditional updates. Instants kept to the microsecond.
 */
public final class InMemorySupportRepository implements SupportRepository {

    private final Map<UUID, SupportCase> byId = new LinkedHashMap<>();
    private final Map<UUID, String> linkDigests = new LinkedHashMap<>();

    @Override
    public synchronized void create(SupportCase c) {
        Objects.requireNonNull(c, "supportCase");
        if (byId.containsKey(c.id())) {
            throw new Conflict("support case id already exists");
        }
        byId.put(c.id(), new SupportCase(c.id(), c.accountId(), c.username(), c.contactEmail(), c.language(),
                c.statement(), c.state(), micros(c.createdAt()), c.firstApprover(), c.decidedBy(),
                micros(c.decidedAt()), c.reason(), c.recoveryId(), micros(c.closedAt())));
    }

    @Override
    public synchronized Optional<SupportCase> find(UUID id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized List<SupportCase> queue(Optional<SupportState> state, Instant createdBefore, int limit) {
        return byId.values().stream()
                .filter(c -> state.isEmpty() || c.state() == state.get())
                .filter(c -> c.createdAt().isBefore(createdBefore))
                .sorted(Comparator.comparing(SupportCase::createdAt).thenComparing(SupportCase::id))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean addFirstApproval(UUID id, AccountId agent) {
        SupportCase c = byId.get(id);
        if (c == null || c.state() != SupportState.OPEN || c.firstApprover() != null) {
            return false;
        }
        put(c, c.state(), agent, c.decidedBy(), c.decidedAt(), c.reason(), c.recoveryId(), c.closedAt());
        return true;
    }

    @Override
    public synchronized boolean approve(UUID id, AccountId agent, String reason, boolean secondOfTwo, Instant now) {
        SupportCase c = byId.get(id);
        if (c == null || c.state() != SupportState.OPEN
                || (secondOfTwo && (c.firstApprover() == null || c.firstApprover().equals(agent)))) {
            return false;
        }
        put(c, SupportState.APPROVED, c.firstApprover(), agent, micros(now), reason, null, null);
        return true;
    }

    @Override
    public synchronized boolean reject(UUID id, AccountId agent, String reason, Instant now) {
        SupportCase c = byId.get(id);
        if (c == null || c.state() != SupportState.OPEN) {
            return false;
        }
        put(c, SupportState.REJECTED, c.firstApprover(), agent, micros(now), reason, null, null);
        return true;
    }

    @Override
    public synchronized boolean attachRecovery(UUID id, UUID recoveryId, String linkDigest) {
        SupportCase c = byId.get(id);
        if (c == null || c.state() != SupportState.APPROVED || c.recoveryId() != null) {
            return false;
        }
        put(c, c.state(), c.firstApprover(), c.decidedBy(), c.decidedAt(), c.reason(), recoveryId, null);
        linkDigests.put(id, linkDigest);
        return true;
    }

    @Override
    public synchronized Optional<SupportCase> useLink(String linkDigest, Instant now) {
        for (Map.Entry<UUID, String> e : linkDigests.entrySet()) {
            SupportCase c = byId.get(e.getKey());
            if (e.getValue().equals(linkDigest) && c != null && c.state() == SupportState.APPROVED) {
                put(c, SupportState.CLOSED, c.firstApprover(), c.decidedBy(), c.decidedAt(), c.reason(),
                        c.recoveryId(), micros(now));
                return Optional.of(byId.get(c.id()));
            }
        }
        return Optional.empty();
    }

    private void put(SupportCase c, SupportState state, AccountId first, AccountId decidedBy, Instant decidedAt,
                     String reason, UUID recoveryId, Instant closedAt) {
        byId.put(c.id(), new SupportCase(c.id(), c.accountId(), c.username(), c.contactEmail(), c.language(),
                c.statement(), state, c.createdAt(), first, decidedBy, decidedAt, reason, recoveryId, closedAt));
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }
}
