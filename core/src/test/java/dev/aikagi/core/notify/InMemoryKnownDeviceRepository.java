package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link KnownDeviceRepository} in memory, for tests. Thread-safe: every method holds the one lock. */
public final class InMemoryKnownDeviceRepository implements KnownDeviceRepository {

    private record Key(AccountId accountId, String deviceHash) {
    }

    private record Seen(Instant firstSeenAt, Instant lastSeenAt) {
    }

    private final Map<Key, Seen> devices = new LinkedHashMap<>();
    private final Map<Key, Instant> bindings = new LinkedHashMap<>();

    @Override
    public synchronized boolean remember(AccountId accountId, String deviceHash, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(deviceHash, "deviceHash");
        Objects.requireNonNull(now, "now");
        Key key = new Key(accountId, deviceHash);
        Seen seen = devices.get(key);
        if (seen == null) {
            devices.put(key, new Seen(now, now));
            return true;
        }
        if (now.isAfter(seen.lastSeenAt())) {
            devices.put(key, new Seen(seen.firstSeenAt(), now));
        }
        return false;
    }

    @Override
    public synchronized void bind(AccountId accountId, String bindingHash, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(bindingHash, "bindingHash");
        Objects.requireNonNull(now, "now");
        bindings.merge(new Key(accountId, bindingHash), now, (old, fresh) -> fresh.isAfter(old) ? fresh : old);
    }

    @Override
    public synchronized Optional<Instant> lastLogin(AccountId accountId, String bindingHash) {
        return Optional.ofNullable(bindings.get(new Key(accountId, bindingHash)));
    }

    @Override
    public synchronized int forgetAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        int size = devices.size();
        devices.keySet().removeIf(k -> k.accountId().equals(accountId));
        bindings.keySet().removeIf(k -> k.accountId().equals(accountId));
        return size - devices.size();
    }
}
