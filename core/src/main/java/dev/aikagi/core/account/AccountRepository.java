package dev.aikagi.core.account;

import dev.aikagi.core.factor.password.PasswordHash;
import java.util.List;
import java.util.Optional;

/** Accounts by id and by canonical username. */
public interface AccountRepository {

    /**
     * Stores a new account with its username's {@link Username#skeleton skeleton}, enabled ({@link #disable} after it
     * for an account that starts disabled).
     *
     * @throws dev.aikagi.core.Conflict if the username is taken, or a look-alike of it (the same skeleton)
     */
    void create(Account account);

    Optional<Account> findById(AccountId id);

    Optional<Account> findByUsername(String canonicalUsername);

    /** The accounts whose usernames have this {@link Username#skeleton skeleton}: look the same on screen. */
    List<Account> findBySkeleton(String skeleton);

    /** Replaces the stored hash (after a password change or a re-hash on login). */
    void updatePasswordHash(AccountId id, PasswordHash hash);

    /**
     * Disables the account from {@code at} ({@code update account set disabled_at = :at where id = :id and
     * disabled_at is null}): true only for the call that disabled it.
     */
    boolean disable(AccountId id, java.time.Instant at);

    /** Enables a disabled account again: true only for the call that enabled it. */
    boolean enable(AccountId id);

    /** Up to {@code limit} accounts in id order, after {@code after} if given (an export, issue 18). */
    List<Account> list(Optional<AccountId> after, int limit);
}
