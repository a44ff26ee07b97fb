package dev.aikagi.core.account;

import java.util.Objects;
import java.util.UUID;

/** The stable identifier of an account; never shown to another user. */
public record AccountId(UUID value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId parse(String text) {
        return new AccountId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
