package dev.aikagi.server;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes the server's database refuse new rows of one kind until closed, as a crash at that write would stop
 * the operation there: the test then checks that nothing of the operation stayed. (H2 checks a constraint
 * added with {@code nocheck} on new and changed rows only.)
 */
public final class FailingWrites implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String table;
    private final String constraint;

    private FailingWrites(RunningServer server, String table, String constraint, String check) {
        this.jdbc = JdbcClient.create(server.bean(DataSource.class));
        this.table = table;
        this.constraint = constraint;
        jdbc.sql("alter table " + table + " add constraint " + constraint + " check (" + check + ") nocheck").update();
    }

    /** Audit records of {@code type} (an {@code AuditType} name) cannot be written. */
    public static FailingWrites auditOf(RunningServer server, String type) {
        if (!type.matches("[A-Z_]+")) {
            throw new IllegalArgumentException("not an audit type: " + type);
        }
        return new FailingWrites(server, "audit_event", "test_no_" + type.toLowerCase(), "type <> '" + type + "'");
    }

    /** No new set of backup codes can be written. */
    public static FailingWrites backupCodeSets(RunningServer server) {
        return new FailingWrites(server, "backup_code_set", "test_no_new_sets", "1 = 0");
    }

    @Override
    public void close() {
        jdbc.sql("alter table " + table + " drop constraint " + constraint).update();
    }
}
