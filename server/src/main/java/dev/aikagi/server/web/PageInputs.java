package dev.aikagi.server.web;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks of what forms, queries and cookies send, before anything acts on it. */
public final class PageInputs {

    /** The longest text shown back in a form; anything longer was never a valid name. */
    public static final int MAX_ECHO = 256;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PageInputs() {
    }

    /** A UUID in its canonical text form only ({@code UUID.fromString} accepts odd shapes such as "1-1-1-1-1"). */
    public static Optional<UUID> uuid(String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    /** Text to put back in a form field: control characters dropped, length bounded. */
    public static String echo(String text) {
        if (text == null) {
            return "";
        }
        String bounded = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) : text;
        return bounded.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Where an "add account" login goes on: only the one known value, else the default. */
    public static String then(String then) {
        return PagePaths.THEN_TWO_FACTOR.equals(then) ? then : "";
    }

    public static String thenQuery(String then) {
        return then.isEmpty() ? "" : "?then=" + then;
    }
}
