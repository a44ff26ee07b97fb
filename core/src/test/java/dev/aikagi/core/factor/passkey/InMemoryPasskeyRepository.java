package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Passkeys in memory, for the core's tests; the same contract as the jdbc repository. */
public final class InMemoryPasskeyRepository implements PasskeyRepository {

    private final Map<UUID, Passkey> passkeys = new ConcurrentHashMap<>();
    private final Map<AccountId, String> handles = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean create(Passkey passkey) {
        if (findByCredentialId(passkey.credentialId()).isPresent()) {
            return false;
        }
        passkeys.put(passkey.id(), passkey);
        return true;
    }

    @Override
    public List<Passkey> list(AccountId accountId) {
        List<Passkey> out = new ArrayList<>(passkeys.values().stream().filter(p -> p.accountId().equals(accountId)).toList());
        out.sort(Comparator.comparing(Passkey::createdAt).thenComparing(p -> p.id().toString()));
        return out;
    }

    @Override
    public Optional<Passkey> findByCredentialId(String credentialId) {
        return passkeys.values().stream().filter(p -> p.credentialId().equals(credentialId)).findFirst();
    }

    @Override
    public synchronized boolean recordUse(UUID id, long expectedCount, long newCount, Instant at) {
        Passkey p = passkeys.get(id);
        if (p == null || p.signCount() != expectedCount) {
            return false;
        }
        passkeys.put(id, new Passkey(p.id(), p.accountId(), p.credentialId(), p.publicKey(), newCount, p.name(),
                p.createdAt(), Optional.of(at)));
        return true;
    }

    @Override
    public synchronized boolean delete(AccountId accountId, UUID id) {
        Passkey p = passkeys.get(id);
        return p != null && p.accountId().equals(accountId) && passkeys.remove(id) != null;
    }

    @Override
    public synchronized int deleteAll(AccountId accountId) {
        List<Passkey> mine = list(accountId);
        mine.forEach(p -> passkeys.remove(p.id()));
        return mine.size();
    }

    @Override
    public String userHandle(AccountId accountId, String candidate) {
        return handles.computeIfAbsent(accountId, a -> candidate);
    }

    @Override
    public Optional<AccountId> findByUserHandle(String userHandle) {
        return handles.entrySet().stream().filter(e -> e.getValue().equals(userHandle)).map(Map.Entry::getKey).findFirst();
    }
}
