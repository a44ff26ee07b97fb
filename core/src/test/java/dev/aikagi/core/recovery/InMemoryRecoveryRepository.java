package dev.aikagi.core.recovery;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link RecoveryRepository} in memory, for tests. Thread-safe: every method holds the one lock. Like the
 * JDBC repository it keeps instants to the microsecond, and decides each change on the same conditions as
 * its conditional update.
 */
public final class InMemoryRecoveryRepository implements RecoveryRepository {

    private final Map<UUID, RecoveryCase> byId = new LinkedHashMap<>();

    @Override
    public synchronized void create(RecoveryCase recovery) {
        Objects.requireNonNull(recovery, "recovery");
        if (byId.containsKey(recovery.id())) {
            throw new Conflict("recovery case id already exists");
        }
        if (!recovery.tokenHash().isEmpty()
                && byId.values().stream().anyMatch(other -> other.tokenHash().equals(recovery.tokenHash()))) {
            throw new Conflict("recovery token hash already exists");
        }
        RecoveryCase r = recovery;
        byId.put(r.id(), new RecoveryCase(r.id(), r.tokenHash(), r.accountId(), r.subject(), micros(r.createdAt()),
                micros(r.expiresAt()), micros(r.emailProvenAt()), micros(r.smsProvenAt()),
                micros(r.passwordProvenAt()), micros(r.waitingUntil()), micros(r.cancelledAt()),
                micros(r.completedAt())));
    }

    @Override
    public synchronized Optional<RecoveryCase> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<RecoveryCase> findByTokenHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return byId.values().stream().filter(r -> !tokenHash.isEmpty() && r.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public synchronized boolean replaceTokenHash(UUID id, String tokenHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        RecoveryCase r = byId.get(id);
        if (r == null || r.completedAt() != null) {
            return false;
        }
        if (byId.values().stream().anyMatch(other -> other.tokenHash().equals(tokenHash))) {
            throw new Conflict("recovery token hash already exists");
        }
        byId.put(id, new RecoveryCase(r.id(), tokenHash, r.accountId(), r.subject(), r.createdAt(), r.expiresAt(),
                r.emailProvenAt(), r.smsProvenAt(), r.passwordProvenAt(), r.waitingUntil(), r.cancelledAt(),
                r.completedAt()));
        return true;
    }

    @Override
    public synchronized boolean addProof(UUID id, Proof proof, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(now, "now");
        Instant at = micros(now);
        RecoveryCase r = byId.get(id);
        if (r == null || r.cancelledAt() != null || r.completedAt() != null || r.waitingUntil() != null
                || !r.expiresAt().isAfter(at)) {
            return false;
        }
        byId.put(id, new RecoveryCase(r.id(), r.tokenHash(), r.accountId(), r.subject(), r.createdAt(), r.expiresAt(),
                firstOf(r.emailProvenAt(), proof == Proof.EMAIL, at),
                firstOf(r.smsProvenAt(), proof == Proof.SMS, at),
                firstOf(r.passwordProvenAt(), proof == Proof.PASSWORD, at),
                r.waitingUntil(), r.cancelledAt(), r.completedAt()));
        return true;
    }

    @Override
    public synchronized boolean startWaiting(UUID id, Instant waitingUntil, Instant expiresAt, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(waitingUntil, "waitingUntil");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(now, "now");
        RecoveryCase r = byId.get(id);
        if (r == null || r.waitingUntil() != null || r.cancelledAt() != null || r.completedAt() != null
                || !r.expiresAt().isAfter(micros(now))) {
            return false;
        }
        byId.put(id, new RecoveryCase(r.id(), r.tokenHash(), r.accountId(), r.subject(), r.createdAt(), micros(expiresAt),
                r.emailProvenAt(), r.smsProvenAt(), r.passwordProvenAt(), micros(waitingUntil), r.cancelledAt(),
                r.completedAt()));
        return true;
    }

    @Override
    public synchronized boolean complete(UUID id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        Instant at = micros(now);
        RecoveryCase r = byId.get(id);
        if (r == null || r.waitingUntil() == null || r.waitingUntil().isAfter(at) || !r.expiresAt().isAfter(at)
                || r.cancelledAt() != null || r.completedAt() != null) {
            return false;
        }
        byId.put(id, new RecoveryCase(r.id(), r.tokenHash(), r.accountId(), r.subject(), r.createdAt(), r.expiresAt(),
                r.emailProvenAt(), r.smsProvenAt(), r.passwordProvenAt(), r.waitingUntil(), r.cancelledAt(), at));
        return true;
    }

    @Override
    public synchronized int cancelOpen(AccountId accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        Instant at = micros(now);
        int cancelled = 0;
        for (Map.Entry<UUID, RecoveryCase> entry : byId.entrySet()) {
            RecoveryCase r = entry.getValue();
            if (r.accountId().equals(Optional.of(accountId)) && r.cancelledAt() == null && r.completedAt() == null
                    && r.expiresAt().isAfter(at)) {
                entry.setValue(new RecoveryCase(r.id(), r.tokenHash(), r.accountId(), r.subject(), r.createdAt(), r.expiresAt(),
                        r.emailProvenAt(), r.smsProvenAt(), r.passwordProvenAt(), r.waitingUntil(), at,
                        r.completedAt()));
                cancelled++;
            }
        }
        return cancelled;
    }

    @Override
    public synchronized Optional<Instant> lastCompletedAt(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return byId.values().stream()
                .filter(r -> r.accountId().equals(Optional.of(accountId)) && r.completedAt() != null)
                .map(RecoveryCase::completedAt)
                .max(Comparator.naturalOrder());
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        Instant bound = micros(before);
        int size = byId.size();
        byId.values().removeIf(r -> r.expiresAt().isBefore(bound));
        return size - byId.size();
    }

    /** The precision the databases keep (PostgreSQL: microseconds); JdbcRecoveryRepository truncates too. */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant firstOf(Instant current, boolean given, Instant now) {
        return current == null && given ? now : current;
    }
}
