package dev.aikagi.core.trust;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link TrustedDeviceRepository} in memory, for tests. Thread-safe: every method holds the one lock. */
public final class InMemoryTrustedDeviceRepository implements TrustedDeviceRepository {

    private final Map<UUID, TrustedDevice> devices = new LinkedHashMap<>();

    @Override
    public synchronized void add(TrustedDevice device) {
        Objects.requireNonNull(device, "device");
        if (devices.putIfAbsent(device.id(), device) != null) {
            throw new IllegalStateException("trusted device " + device.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<TrustedDevice> find(UUID id) {
        return Optional.ofNullable(devices.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized List<TrustedDevice> active(AccountId accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        return devices.values().stream()
                .filter(d -> d.accountId().equals(accountId) && d.isActiveAt(now))
                .sorted(Comparator.comparing(TrustedDevice::lastUsedAt).reversed().thenComparing(TrustedDevice::id))
                .toList();
    }

    @Override
    public synchronized boolean touch(UUID id, AccountId accountId, Instant now, String network) {
        TrustedDevice d = devices.get(Objects.requireNonNull(id, "id"));
        if (d == null || !d.accountId().equals(accountId) || !d.isActiveAt(now)) {
            return false;
        }
        Instant last = now.isAfter(d.lastUsedAt()) ? now : d.lastUsedAt();
        devices.put(id, new TrustedDevice(d.id(), d.accountId(), d.kind(), d.digest(), d.description(), d.createdAt(),
                last, Objects.requireNonNull(network, "network"), d.expiresAt()));
        return true;
    }

    @Override
    public synchronized boolean remove(AccountId accountId, UUID id) {
        TrustedDevice d = devices.get(Objects.requireNonNull(id, "id"));
        if (d == null || !d.accountId().equals(accountId)) {
            return false;
        }
        devices.remove(id);
        return true;
    }

    @Override
    public synchronized int removeAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        int before = devices.size();
        devices.values().removeIf(d -> d.accountId().equals(accountId));
        return before - devices.size();
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        int count = devices.size();
        devices.values().removeIf(d -> d.expiresAt().isBefore(before));
        return count - devices.size();
    }
}
