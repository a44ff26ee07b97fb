package dev.aikagi.core;

/**
 * A write clashed with data that already exists (for example a username taken by another account).
 * Persistence adapters translate their unique-constraint errors into this one type.
 */
public final class Conflict extends RuntimeException {
    public Conflict(String message, Throwable cause) {
        super(message, cause);
    }

    public Conflict(String message) {
        super(message);
    }
}
