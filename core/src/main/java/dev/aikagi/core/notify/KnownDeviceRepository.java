package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * Browsers and apps an account has logged in from: by the SHA-256 of their device value for "new device"
 * notices, and by a binding hash (the device value hashed with the account) for the device's own attempt
 * budget.
 */
public interface KnownDeviceRepository {

    /** Records a login from the device; true if the account had not seen it before. */
    boolean remember(AccountId accountId, String deviceHash, Instant now);

    /** Records a completed full login from the device bound by {@code bindingHash} (never moves back in time). */
    void bind(AccountId accountId, String bindingHash, Instant now);

    /** When the device bound by {@code bindingHash} last completed a full login to the account, if ever. */
    Optional<Instant> lastLogin(AccountId accountId, String bindingHash);

    /** Forgets every device and binding of the account (after "this wasn't me" or a recovery). */
    int forgetAll(AccountId accountId);
}
