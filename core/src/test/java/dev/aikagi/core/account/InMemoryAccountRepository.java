package dev.aikagi.core.account;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.factor.password.PasswordHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AccountRepository} in memory, for tests. Thread-safe. */
public final class InMemoryAccountRepository implements AccountRepository {

    private final Map<AccountId, Account> byId = new HashMap<>();

    @Override
    public synchronized void create(Account account) {
        Objects.requireNonNull(account, "account");
        if (byId.containsKey(account.id())) {
            throw new Conflict("account id already exists");
        }
        String skeleton = Username.skeleton(account.username());
        if (byId.values().stream().anyMatch(a -> a.username().equals(account.username())
                || Username.skeleton(a.username()).equals(skeleton))) {
            throw new Conflict("username is taken");
        }
        byId.put(account.id(), account);
    }

    /** Removes the account (what an erasure does to it in memory). */
    public synchronized boolean remove(AccountId id) {
        return byId.remove(Objects.requireNonNull(id, "id")) != null;
    }

    @Override
    public synchronized Optional<Account> findById(AccountId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Account> findByUsername(String canonicalUsername) {
        Objects.requireNonNull(canonicalUsername, "canonicalUsername");
        return byId.values().stream().filter(a -> a.username().equals(canonicalUsername)).findFirst();
    }

    @Override
    public synchronized List<Account> findBySkeleton(String skeleton) {
        Objects.requireNonNull(skeleton, "skeleton");
        return byId.values().stream().filter(a -> Username.skeleton(a.username()).equals(skeleton)).toList();
    }

    @Override
    public synchronized void updatePasswordHash(AccountId id, PasswordHash hash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        byId.computeIfPresent(id, (key, account) -> account.withPasswordHash(hash));
    }

    @Override
    public synchronized boolean disable(AccountId id, java.time.Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Account account = byId.get(id);
        if (account == null || account.isDisabled()) {
            return false;
        }
        byId.put(id, account.withDisabledAt(at));
        return true;
    }

    @Override
    public synchronized boolean enable(AccountId id) {
        Objects.requireNonNull(id, "id");
        Account account = byId.get(id);
        if (account == null || !account.isDisabled()) {
            return false;
        }
        byId.put(id, account.withDisabledAt(null));
        return true;
    }

    @Override
    public synchronized List<Account> list(Optional<AccountId> after, int limit) {
        return byId.values().stream().sorted(java.util.Comparator.comparing(a -> a.id().value()))
                .filter(a -> after.isEmpty() || a.id().value().compareTo(after.get().value()) > 0)
                .limit(limit).toList();
    }
}
