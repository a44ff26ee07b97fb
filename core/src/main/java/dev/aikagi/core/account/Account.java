package dev.aikagi.core.account;

import dev.aikagi.core.factor.password.PasswordHash;
import java.time.Instant;
import java.util.Objects;

/**
 * An account: a login name and a password hash. Second factors are held by their own repositories.
 *
 * @param username the login name, stored in its canonical form (see {@link Username})
 */
public record Account(AccountId id, String username, PasswordHash passwordHash, Instant createdAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Account withPasswordHash(PasswordHash newHash) {
        return new Account(id, username, newHash, createdAt);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + "]";
    }
}
