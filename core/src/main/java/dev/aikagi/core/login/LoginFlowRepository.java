package dev.aikagi.core.login;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Login flows in progress, shared by every server node. */
public interface LoginFlowRepository {

    void create(LoginFlow flow);

    Optional<LoginFlow> find(UUID id);

    /**
     * Stores {@code next} only if the stored flow still has version {@code next.version() - 1}; false
     * when another request advanced it first (so one flow is never completed twice).
     */
    boolean update(LoginFlow next);

    /** Deletes flows expired at {@code now} (expiry at or before it, as {@link LoginFlow#isExpiredAt}); returns how many. */
    int deleteExpired(Instant now);
}
