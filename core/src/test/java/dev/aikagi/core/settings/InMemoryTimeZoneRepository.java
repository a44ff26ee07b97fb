package dev.aikagi.core.settings;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TimeZoneRepository} in memory, for tests. */
public final class InMemoryTimeZoneRepository implements TimeZoneRepository {

    private final Map<AccountId, ZoneId> zones = new ConcurrentHashMap<>();

    @Override
    public Optional<ZoneId> find(AccountId account) {
        return Optional.ofNullable(zones.get(Objects.requireNonNull(account, "account")));
    }

    @Override
    public void choose(AccountId account, ZoneId zone, Instant at) {
        Objects.requireNonNull(at, "at");
        zones.put(Objects.requireNonNull(account, "account"), Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public boolean clear(AccountId account) {
        return zones.remove(Objects.requireNonNull(account, "account")) != null;
    }
}
