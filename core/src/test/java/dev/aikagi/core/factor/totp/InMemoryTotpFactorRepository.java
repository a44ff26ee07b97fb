package dev.aikagi.core.factor.totp;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link TotpFactorRepository} in memory, for tests. Thread-safe. */
public final class InMemoryTotpFactorRepository implements TotpFactorRepository {

    private final Map<UUID, TotpFactor> factors = new LinkedHashMap<>();

    @Override
    public synchronized void createPending(TotpFactor factor) {
        Objects.requireNonNull(factor, "factor");
        if (factor.isConfirmed()) {
            throw new IllegalArgumentException("a new factor must be pending");
        }
        TotpFactor existing = factors.get(factor.id());
        boolean replacesItself = existing != null && !existing.isConfirmed()
                && existing.accountId().equals(factor.accountId());
        if (existing != null && !replacesItself) {
            throw new Conflict("TOTP factor id already exists");
        }
        factors.values().removeIf(f -> f.accountId().equals(factor.accountId()) && !f.isConfirmed());
        factors.put(factor.id(), factor);
    }

    @Override
    public synchronized List<TotpFactor> findAllConfirmed(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return factors.values().stream().filter(f -> f.accountId().equals(accountId) && f.isConfirmed())
                .sorted(Comparator.comparing(TotpFactor::confirmedAt).thenComparing(TotpFactor::createdAt))
                .toList();
    }

    @Override
    public synchronized Optional<TotpFactor> findPending(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return factors.values().stream().filter(f -> f.accountId().equals(accountId) && !f.isConfirmed()).findFirst();
    }

    @Override
    public synchronized boolean confirm(UUID factorId, long acceptedStep, Instant confirmedAt) {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        TotpFactor pending = factors.get(factorId);
        if (pending == null || pending.isConfirmed()) {
            return false;
        }
        factors.put(factorId, new TotpFactor(pending.id(), pending.accountId(), pending.sealedSecret(),
                pending.parameters(), acceptedStep, pending.createdAt(), confirmedAt, pending.name(),
                pending.lastUsedAt()));
        return true;
    }

    @Override
    public synchronized boolean recordAcceptedStep(UUID factorId, long step, Instant usedAt) {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(usedAt, "usedAt");
        TotpFactor factor = factors.get(factorId);
        if (factor == null || !factor.isConfirmed() || factor.lastAcceptedStep() >= step) {
            return false;
        }
        factors.put(factorId, new TotpFactor(factor.id(), factor.accountId(), factor.sealedSecret(),
                factor.parameters(), step, factor.createdAt(), factor.confirmedAt(), factor.name(), usedAt));
        return true;
    }

    @Override
    public synchronized boolean rename(AccountId accountId, UUID factorId, String name) {
        Objects.requireNonNull(name, "name");
        TotpFactor f = factors.get(factorId);
        if (f == null || !f.accountId().equals(accountId)) {
            return false;
        }
        factors.put(factorId, new TotpFactor(f.id(), f.accountId(), f.sealedSecret(), f.parameters(),
                f.lastAcceptedStep(), f.createdAt(), f.confirmedAt(), name, f.lastUsedAt()));
        return true;
    }

    @Override
    public synchronized boolean delete(AccountId accountId, UUID factorId) {
        TotpFactor f = factors.get(factorId);
        if (f == null || !f.accountId().equals(accountId) || !f.isConfirmed()) {
            return false;
        }
        factors.remove(factorId);
        return true;
    }

    @Override
    public synchronized void deleteAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        factors.values().removeIf(f -> f.accountId().equals(accountId));
    }
}
