package dev.aikagi.core.policy;

import java.util.Objects;

/** The network address a request came from, as the web layer determined it (for rate limits). */
public record ClientAddress(String value) {
    public ClientAddress {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("client address must be 1-64 characters");
        }
    }

    /** What this address counts as in rate-limit keys: itself for IPv4, its /64 for IPv6 ({@link AddressPrefix}). */
    public String limitKey() {
        return AddressPrefix.of(value);
    }
}
