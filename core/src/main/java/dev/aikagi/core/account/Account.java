package dev.aikagi.core.account;

import dev.aikagi.core.factor.password.PasswordHash;
import java.time.Instant;
import java.util.Objects;

/**
 * An account: a login name and a password hash. Second factors are held by their own repositories.
 *
 * @param username the login name, stored in its canonical form (see {@link Username})
 * @param disabledAt when an operator disabled the account (issue 18), or null while it is enabled: a disabled
 *     account cannot log in, recover or refresh tokens
 */
public record Account(AccountId id, String username, PasswordHash passwordHash, Instant createdAt, Instant disabledAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** An enabled account. */
    public Account(AccountId id, String username, PasswordHash passwordHash, Instant createdAt) {
        this(id, username, passwordHash, createdAt, null);
    }

    public Account withPasswordHash(PasswordHash newHash) {
        return new Account(id, username, newHash, createdAt, disabledAt);
    }

    /** An operator disabled the account (issue 18). */
    public boolean isDisabled() {
        return disabledAt != null;
    }

    /** This account, disabled at {@code at} (or enabled again when {@code at} is null). */
    public Account withDisabledAt(Instant at) {
        return new Account(id, username, passwordHash, createdAt, at);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + "]";
    }
}
