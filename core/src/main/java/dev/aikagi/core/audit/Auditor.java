package dev.aikagi.core.audit;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records events with the time and an id, so callers state only what happened, then tells the
 * listeners (notifications). A failing listener never fails the action that was audited.
 */
public final class Auditor {

    private static final System.Logger LOG = System.getLogger(Auditor.class.getName());

    private final AuditLog log;
    private final SecretGenerator generator;
    private final Clock clock;
    private final List<AuditListener> listeners;

    /** An auditor nobody listens to (tests of one service). */
    public Auditor(AuditLog log, SecretGenerator generator, Clock clock) {
        this(log, generator, clock, List.of());
    }

    /**
     * @param listeners told of every event, in this order (the {@link dev.aikagi.core.CoreAssembly} passes the
     *     core's own listeners first, then the server's)
     */
    public Auditor(AuditLog log, SecretGenerator generator, Clock clock, List<AuditListener> listeners) {
        this.log = Objects.requireNonNull(log, "log");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
    }

    /** Records the event, tells the listeners, and returns it. */
    public AuditEvent record(AuditType type, AccountId accountId, String clientAddress, Map<String, String> details) {
        AuditEvent event = new AuditEvent(generator.uuid(), clock.instant(), type, accountId, clientAddress, details);
        log.record(event);
        for (AuditListener listener : listeners) {
            try {
                listener.recorded(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "audit listener failed for event {0} ({1}): {2}",
                        event.id(), type, e.getClass().getSimpleName());
            }
        }
        return event;
    }

    public AuditEvent record(AuditType type, AccountId accountId, String clientAddress) {
        return record(type, accountId, clientAddress, Map.of());
    }
}
