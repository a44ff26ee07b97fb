package dev.aikagi.core.factor.password;

import java.util.Objects;

/**
 * A stored password hash in PHC string format, parameters included:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
 */
public record PasswordHash(String encoded) {
    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
        if (!encoded.startsWith("$")) {
            throw new IllegalArgumentException("not a PHC-format hash");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + encoded.substring(0, encoded.indexOf('$', 1) + 1) + "…]";
    }
}
