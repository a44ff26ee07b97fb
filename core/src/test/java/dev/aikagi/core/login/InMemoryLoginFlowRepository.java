package dev.aikagi.core.login;

import dev.aikagi.core.Conflict;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link LoginFlowRepository} in memory, for tests. Thread-safe. */
public final class InMemoryLoginFlowRepository implements LoginFlowRepository {

    private final Map<UUID, LoginFlow> flows = new HashMap<>();

    @Override
    public synchronized void create(LoginFlow flow) {
        Objects.requireNonNull(flow, "flow");
        if (flows.containsKey(flow.id())) {
            throw new Conflict("login flow id already exists");
        }
        flows.put(flow.id(), flow);
    }

    @Override
    public synchronized Optional<LoginFlow> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(flows.get(id));
    }

    @Override
    public synchronized boolean update(LoginFlow next) {
        Objects.requireNonNull(next, "next");
        LoginFlow stored = flows.get(next.id());
        if (stored == null || stored.version() != next.version() - 1) {
            return false;
        }
        // Like the JDBC row, creation time is not updatable.
        flows.put(next.id(), new LoginFlow(next.id(), next.state(), next.accountId(), next.secondFactors(),
                next.challenge(), next.completed(), stored.createdAt(), next.expiresAt(), next.version()));
        return true;
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int before = flows.size();
        flows.values().removeIf(flow -> flow.isExpiredAt(now));
        return before - flows.size();
    }
}
