package dev.aikagi.core.crypto;

/** A secret at rest could not be opened: its key is gone, or the stored value was altered. */
public final class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
        super(message);
    }
}
