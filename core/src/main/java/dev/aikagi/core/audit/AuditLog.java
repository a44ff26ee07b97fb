package dev.aikagi.core.audit;

import dev.aikagi.core.account.AccountId;
import java.util.List;

/** Where security events are kept (shown to the user as security activity, to operators as the audit log). */
public interface AuditLog {

    void record(AuditEvent event);

    /** The account's most recent events, newest first. */
    List<AuditEvent> recent(AccountId accountId, int limit);

    /**
     * The events matching the query, newest first: the operators' search and export. The log is
     * append-only from the application's side: there is no way here to change or delete an event.
     */
    List<AuditEvent> search(AuditQuery query);
}
