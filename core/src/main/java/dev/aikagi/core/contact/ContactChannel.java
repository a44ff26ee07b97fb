package dev.aikagi.core.contact;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.delivery.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified email address or phone number of an account.
 *
 * @param address the canonical address: lower-case email or E.164 number
 * @param language the language the person used when verifying it; messages to it are written in it
 * @param smsLogin for a phone: codes by SMS are also a second factor at login
 */
public record ContactChannel(AccountId accountId, Channel kind, String address, String language, boolean smsLogin,
                             Instant verifiedAt) {

    public ContactChannel {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        if (smsLogin && kind != Channel.SMS) {
            throw new IllegalArgumentException("only a phone can be a login factor");
        }
    }

    /** The address as pages show it: {@code •••• ••12} or {@code t•••@example.com}. */
    public String masked() {
        return kind == Channel.SMS ? new PhoneNumber(address).masked() : new EmailAddress(address).masked();
    }

    @Override
    public String toString() {
        return "ContactChannel[" + accountId + " " + kind.value() + " " + masked() + "]";
    }
}
