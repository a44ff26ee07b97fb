package dev.aikagi.core.delivery;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a message goes. The value is the API's and the database's name (at most 8 characters).
 * {@link #LOGOUT} is no person's channel: an OpenID Connect Back-Channel Logout token POSTed to an
 * application's {@code backchannel_logout_uri}, retried through the same queue.
 */
public enum Channel {
    EMAIL("email"),
    SMS("sms"),
    LOGOUT("logout");

    private final String value;

    Channel(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Channel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Channel c : values()) {
            if (c.value.equals(v)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
