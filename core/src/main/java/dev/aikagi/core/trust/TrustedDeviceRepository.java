package dev.aikagi.core.trust;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The browsers and apps accounts trust to skip the second step (issue 17). Only keyed digests of secrets. */
public interface TrustedDeviceRepository {

    void add(TrustedDevice device);

    Optional<TrustedDevice> find(UUID id);

    /** The account's devices whose trust has not expired at {@code now}, most recently used first. */
    List<TrustedDevice> active(AccountId accountId, Instant now);

    /**
     * Records a use, only if the device is the account's and its trust has not expired (one conditional update):
     * {@code update … set last_used_at, last_network where id = :id and account_id = :account and expires_at > :now}.
     */
    boolean touch(UUID id, AccountId accountId, Instant now, String network);

    /** Ends the trust of one device of the account; false if it had no such device. */
    boolean remove(AccountId accountId, UUID id);

    /** Ends the trust of every device of the account (expired ones too); the number of rows removed. */
    int removeAll(AccountId accountId);

    /** Deletes the records whose trust expired before {@code before} (housekeeping); how many. */
    int deleteExpiredBefore(Instant before);
}
