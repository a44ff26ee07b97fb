package dev.aikagi.jdbc;

import dev.aikagi.core.Conflict;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;

/**
 * The one place where database errors become domain errors (docs/STYLE.md rule 17). Decided by SQLSTATE, which
 * is the same on H2 and PostgreSQL, rather than by driver-specific error codes or exception types.
 */
final class SqlErrors {

    /** {@code unique_violation}: a primary key or unique constraint already holds the value. */
    static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    /**
     * Runs {@code write}; a unique-constraint violation anywhere in it becomes a {@link Conflict} with
     * {@code message}. Wrap the whole transaction, so the conflict surfaces after the rollback.
     */
    static <T> T conflictOnDuplicate(String message, Supplier<T> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            if (isUniqueViolation(e)) {
                throw new Conflict(message, e);
            }
            throw e;
        }
    }

    static void conflictOnDuplicate(String message, Runnable write) {
        conflictOnDuplicate(message, () -> {
            write.run();
            return null;
        });
    }

    // A throwable that is its own cause ends the chain: that is identity, not equality.
    @SuppressWarnings("ReferenceEquality")
    static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
