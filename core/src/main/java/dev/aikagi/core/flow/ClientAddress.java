package dev.aikagi.core.flow;

import java.util.Objects;

/** The network address a request came from, as the web layer determined it (for rate limits). */
public record ClientAddress(String value) {
    public ClientAddress {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("client address must be 1-64 characters");
        }
    }
}
