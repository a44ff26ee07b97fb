package dev.aikagi.core.account;

import dev.aikagi.core.factor.password.PasswordHash;
import java.util.Optional;

/** Accounts by id and by canonical username. */
public interface AccountRepository {

    /** @throws dev.aikagi.core.Conflict if the username is taken */
    void create(Account account);

    Optional<Account> findById(AccountId id);

    Optional<Account> findByUsername(String canonicalUsername);

    /** Replaces the stored hash (after a password change or a re-hash on login). */
    void updatePasswordHash(AccountId id, PasswordHash hash);
}
