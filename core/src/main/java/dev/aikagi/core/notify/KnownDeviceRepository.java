package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;

/** Browsers an account has logged in from, by the SHA-256 of their device cookie. */
public interface KnownDeviceRepository {

    /** Records a login from the device; true if the account had not seen it before. */
    boolean remember(AccountId accountId, String deviceHash, Instant now);

    /** Forgets every device of the account (after "this wasn't me" or a recovery). */
    int forgetAll(AccountId accountId);
}
