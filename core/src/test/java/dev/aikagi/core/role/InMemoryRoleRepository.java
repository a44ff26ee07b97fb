package dev.aikagi.core.role;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link RoleRepository} and {@link RoleListings} in memory, for tests. Thread-safe. */
public final class InMemoryRoleRepository implements RoleRepository, RoleListings {

    private record Held(AccountId account, Role role) {
    }

    private final Map<Held, Source> held = new LinkedHashMap<>();
    private final Map<String, Listing> listed = new LinkedHashMap<>();

    @Override
    public synchronized boolean grant(AccountId account, Role role, Source source, Instant at) {
        Objects.requireNonNull(at, "at");
        Held key = new Held(account, role);
        Source before = held.get(key);
        if (before == null || source == Source.COMMAND) {
            held.put(key, source);
        }
        return before == null;
    }

    @Override
    public synchronized boolean revoke(AccountId account, Role role) {
        return held.remove(new Held(account, role)) != null;
    }

    @Override
    public synchronized boolean holds(AccountId account, Role role) {
        return held.containsKey(new Held(account, role));
    }

    @Override
    public synchronized List<AccountId> grantedByConfiguration(Role role) {
        List<AccountId> ids = new ArrayList<>();
        held.forEach((k, source) -> {
            if (k.role() == role && source == Source.CONFIGURATION) {
                ids.add(k.account());
            }
        });
        return ids;
    }

    @Override
    public synchronized Listing bind(Role role, String username, Optional<AccountId> account, Instant at) {
        return listed.computeIfAbsent(role.value() + "\n" + username, k -> new Listing(role, username, account));
    }

    @Override
    public synchronized List<Listing> listings(Role role) {
        return listed.values().stream().filter(l -> l.role() == role).toList();
    }

    @Override
    public synchronized void forget(Role role, String username) {
        listed.remove(role.value() + "\n" + username);
    }
}
