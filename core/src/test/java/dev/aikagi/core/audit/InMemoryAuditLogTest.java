package dev.aikagi.core.audit;

class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    protected AuditLog createLog() {
        return new InMemoryAuditLog();
    }
}
