package dev.aikagi.jdbc;

import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link JdbcAuditLog} against the AuditLog contract, on H2 in PostgreSQL mode. */
class H2AuditLogTest extends AuditLogContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected AuditLog createLog() {
        // clean() empties the tables that hang off account; audit_event does not, so it is emptied here.
        JdbcClient.create(DATABASE.dataSource()).sql("delete from audit_event").update();
        return new JdbcAuditLog(DATABASE.dataSource());
    }
}
