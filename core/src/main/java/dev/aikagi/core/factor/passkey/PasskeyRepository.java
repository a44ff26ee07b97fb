package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registered passkeys and each account's WebAuthn user handle. */
public interface PasskeyRepository {

    /** Stores a new passkey; false if its credential id is registered already (to any account). */
    boolean create(Passkey passkey);

    /** The account's passkeys, oldest first. */
    List<Passkey> list(AccountId accountId);

    Optional<Passkey> findByCredentialId(String credentialId);

    /**
     * Records a login with the passkey: the new signature counter and the time, only if the stored counter is
     * still {@code expectedCount}:
     * <pre>update passkey set sign_count = :newCount, last_used_at = :at
     * where id = :id and sign_count = :expectedCount</pre>
     * True for exactly one of any number of concurrent calls with the same expected count, so a cloned
     * authenticator racing the real one cannot both pass (WebAuthn §6.1.1).
     */
    boolean recordUse(UUID id, long expectedCount, long newCount, Instant at);

    /** Removes one passkey of the account; false if the account has no such passkey. */
    boolean delete(AccountId accountId, UUID id);

    /** Removes every passkey of the account (two-step verification turned off); returns how many. */
    int deleteAll(AccountId accountId);

    /**
     * The account's user handle, storing {@code candidate} if it has none yet (the first passkey); the stored
     * one otherwise, so every passkey of an account carries the same handle.
     */
    String userHandle(AccountId accountId, String candidate);

    /** The account whose user handle this is. */
    Optional<AccountId> findByUserHandle(String userHandle);
}
