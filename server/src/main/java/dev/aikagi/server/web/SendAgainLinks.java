package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * When "send again" may next be used, carried through the redirect after a send as {@code next-send=<epoch
 * seconds>} (issue 17). Only a display hint: the send limits are counted on the server whatever it says, and
 * {@link PageErrors#sendAgainWait} ignores a wait longer than the longest cool-down.
 */
public final class SendAgainLinks {

    static final String PARAMETER = "next-send";

    private SendAgainLinks() {
    }

    /** {@code &next-send=…} for a redirect's query. */
    public static String query(Instant nextSendAt) {
        return "&" + PARAMETER + "=" + nextSendAt.getEpochSecond();
    }

    /** The hint of the request, if it has one. */
    public static Optional<Instant> nextSendAt(HttpServletRequest request) {
        String value = request.getParameter(PARAMETER);
        if (value == null || value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
    }
}
