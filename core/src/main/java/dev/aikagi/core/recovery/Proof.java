package dev.aikagi.core.recovery;

import java.util.Optional;

/** What a person can prove during recovery. Values are the API's {@code channel} names. */
public enum Proof {
    /** A code sent to the account's verified email address. */
    EMAIL("email"),
    /** A code texted to the account's verified phone. */
    SMS("sms"),
    /** The account's password: a factor the person still has. */
    PASSWORD("password");

    private final String value;

    Proof(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Proof> parse(String value) {
        for (Proof proof : values()) {
            if (proof.value.equals(value)) {
                return Optional.of(proof);
            }
        }
        return Optional.empty();
    }
}
