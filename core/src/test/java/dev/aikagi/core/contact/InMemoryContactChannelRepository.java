package dev.aikagi.core.contact;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.delivery.Channel;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ContactChannelRepository} in memory, for tests. Thread-safe: every method holds the one lock. */
public final class InMemoryContactChannelRepository implements ContactChannelRepository {

    private record Key(AccountId accountId, Channel kind) {
    }

    private final Map<Key, ContactChannel> channels = new LinkedHashMap<>();

    @Override
    public synchronized List<ContactChannel> findByAccount(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        // Email before phone, as the JDBC repository orders.
        return channels.values().stream()
                .filter(c -> c.accountId().equals(accountId))
                .sorted(Comparator.comparing(ContactChannel::kind))
                .toList();
    }

    @Override
    public synchronized Optional<ContactChannel> find(AccountId accountId, Channel kind) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        return Optional.ofNullable(channels.get(new Key(accountId, kind)));
    }

    @Override
    public synchronized void save(ContactChannel channel) {
        Objects.requireNonNull(channel, "channel");
        channels.put(new Key(channel.accountId(), channel.kind()), channel);
    }

    @Override
    public synchronized boolean setSmsLogin(AccountId accountId, boolean enabled) {
        Objects.requireNonNull(accountId, "accountId");
        Key key = new Key(accountId, Channel.SMS);
        ContactChannel phone = channels.get(key);
        if (phone == null) {
            return false;
        }
        channels.put(key, new ContactChannel(accountId, Channel.SMS, phone.address(), phone.language(), enabled,
                phone.verifiedAt()));
        return true;
    }

    @Override
    public synchronized boolean remove(AccountId accountId, Channel kind) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        return channels.remove(new Key(accountId, kind)) != null;
    }

    @Override
    public synchronized List<ContactChannel> findByAddress(Channel kind, String address) {
        return channels.values().stream().filter(c -> c.kind() == kind && c.address().equals(address)).toList();
    }
}
