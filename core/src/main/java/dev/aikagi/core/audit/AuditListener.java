package dev.aikagi.core.audit;

/** Told about every recorded event, after it is stored (security notifications listen here). */
@FunctionalInterface
public interface AuditListener {

    /** Must not throw for the caller's sake; the {@link Auditor} logs and swallows what it does throw. */
    void recorded(AuditEvent event);
}
