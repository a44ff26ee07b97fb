package dev.aikagi.core.support;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a support request stands. Names are stored and shown in the console's filter.
 *
 * <pre>
 * OPEN --approve (one agent, or the second of two)--> APPROVED --link used--> CLOSED
 * OPEN --reject--> REJECTED
 * </pre>
 * A first approval when two are required leaves the case OPEN, with its first approver recorded.
 */
public enum SupportState {
    /** Waiting for agents. */
    OPEN,
    /** Approved: a recovery case was started and its single-use link sent to the contact address. */
    APPROVED,
    /** Rejected with a reason, which was sent to the contact address. */
    REJECTED,
    /** Approved, and the user followed the link into the last step of recovery. */
    CLOSED;

    public static Optional<SupportState> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (SupportState state : values()) {
            if (state.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
