package dev.aikagi.core.audit;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretGenerator;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** Records events with the time and an id, so callers state only what happened. */
public final class Auditor {

    private final AuditLog log;
    private final SecretGenerator generator;
    private final Clock clock;

    public Auditor(AuditLog log, SecretGenerator generator, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void record(AuditType type, AccountId accountId, String clientAddress, Map<String, String> details) {
        log.record(new AuditEvent(generator.uuid(), clock.instant(), type, accountId, clientAddress, details));
    }

    public void record(AuditType type, AccountId accountId, String clientAddress) {
        record(type, accountId, clientAddress, Map.of());
    }
}
