package dev.aikagi.server.web;

import dev.aikagi.core.factor.password.HashingBusyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The answer while the database cannot be reached (down, restarting, every connection busy past the pool's
 * time-out): 503 with {@code Retry-After}, never a 500. The API gets an RFC 9457 problem with
 * {@code code: "service_unavailable"}; pages get the localized page {@code templates/error/503.html}
 * through the error dispatch. Other clients and the reliability tests rely on this answer: keep it.
 *
 * <p>"Cannot be reached" is decided from the exception and its causes: Spring's resource-failure and transient
 * data-access exceptions (the pool's time-out arrives as one), a transaction that could not begin, JDBC's
 * transient and connection exceptions, and SQLSTATE classes 08 (connection exception), 53 (insufficient
 * resources) and 57 (operator intervention, such as a server shutting down). A bad statement or a broken
 * constraint is a bug, not an outage, and stays a 500.
 */
public final class ServiceUnavailable {

    /** Seconds after which a client may try again. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String CODE = "service_unavailable";

    /** Seconds after which a client may try again when the hash workers were busy: a hash takes tens of ms. */
    public static final int BUSY_RETRY_AFTER_SECONDS = 1;
    public static final String BUSY_CODE = "service_busy";
    /** Request attribute that tells {@code templates/error/503.html} to say "busy" rather than "unavailable". */
    public static final String BUSY_ATTRIBUTE = "aikagiServiceBusy";

    private ServiceUnavailable() {
    }

    /**
     * Whether {@code error}, or one of its causes, says every password-hash worker is busy and the queue in front
     * of them is full (issue 15): the request was not checked at all, so the answer is "busy", never "wrong".
     */
    public static boolean isHashingBusy(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof HashingBusyException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the 503 for full hash workers: problem {@code service_busy} for {@code /api/**}, else the localized
     * page, both with {@code Retry-After}.
     */
    public static void answerBusy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String path = request.getRequestURI();
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(BUSY_RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (path != null && path.startsWith("/api/")) {
            response.resetBuffer();
            FilterProblems.write(request, response, 503, BUSY_CODE);
            response.flushBuffer();
        } else {
            request.setAttribute(BUSY_ATTRIBUTE, Boolean.TRUE);
            response.sendError(503);
        }
    }

    /** Whether {@code error}, or one of its causes, says the database cannot be reached right now. */
    // The application exception compared with error is the same throwable or not: identity, not equality.
    @SuppressWarnings("ReferenceEquality")
    public static boolean isDatabaseUnavailable(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // The connection broke during the work, then the rollback failed on the closed connection: the
            // rollback's failure hides the first one, which says what happened.
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != error && isDatabaseUnavailable(tx.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("53")
                    || sql.getSQLState().startsWith("57"))) {
                return true;
            }
        }
        return false;
    }

    /** For the log: the exception types and SQLSTATEs of the chain, never their text, which may quote values. */
    public static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 8; t = t.getCause(), depth++) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                out.append(" (SQLSTATE ").append(sql.getSQLState()).append(')');
            }
        }
        return out.toString();
    }

    /** Writes the 503: the problem for {@code /api/**}, else the error dispatch to the localized page. */
    public static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String path = request.getRequestURI();
        if (path != null && path.startsWith("/api/")) {
            response.resetBuffer();
            response.setStatus(503);
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            FilterProblems.write(request, response, 503, CODE);
            response.flushBuffer();
        } else {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.sendError(503);
        }
    }
}
