package dev.aikagi.core.factor.password;

/**
 * Every hash worker is busy and the queue in front of them is full. Not a failed check: nothing was verified,
 * and the caller must answer "busy, try again shortly" (the server: 503 with {@code Retry-After}), never
 * "wrong password".
 */
public final class HashingBusyException extends RuntimeException {

    public HashingBusyException(String message) {
        super(message, null, false, false);
    }
}
