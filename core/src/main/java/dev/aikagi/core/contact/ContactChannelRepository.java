package dev.aikagi.core.contact;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.delivery.Channel;
import java.util.List;
import java.util.Optional;

/** An account's verified channels: at most one email address and one phone number. */
public interface ContactChannelRepository {

    List<ContactChannel> findByAccount(AccountId accountId);

    Optional<ContactChannel> find(AccountId accountId, Channel kind);

    /** Adds the channel, or replaces the account's channel of that kind. */
    void save(ContactChannel channel);

    /** Turns SMS login on or off for the account's phone; false if it has none. */
    boolean setSmsLogin(AccountId accountId, boolean enabled);

    /** Removes the account's channel of that kind; false if there was none. */
    boolean remove(AccountId accountId, Channel kind);

    /** The channels of this kind with exactly this address (an operator's search, issue 18), oldest first. */
    List<ContactChannel> findByAddress(Channel kind, String address);
}
