package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.delivery.Channel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ContactChannelRepository} on the {@code contact_channel} table, one row per account and kind. The
 * kind is stored as {@link Channel#value()}.
 */
public final class JdbcContactChannelRepository implements ContactChannelRepository {

    private static final String SELECT = """
            select account_id, kind, address, language, sms_login, verified_at
            from contact_channel
            """;
    /** Email before phone: the order of Channel, which is also the order of its values. */
    private static final String FIND_BY_ACCOUNT = SELECT + "where account_id = :accountId order by kind";
    private static final String FIND = SELECT + "where account_id = :accountId and kind = :kind";
    private static final String FIND_BY_ADDRESS = SELECT + "where kind = :kind and address = :address order by verified_at";
    private static final String UPDATE = """
            update contact_channel
            set address = :address, language = :language, sms_login = :smsLogin, verified_at = :verifiedAt
            where account_id = :accountId and kind = :kind""";
    /**
     * A portable upsert in two statements (no {@code merge}, no {@code on conflict ... do update}: H2 rejects
     * the conflict target). Without a conflict target, as in JdbcAttemptRepository.
     */
    private static final String INSERT = """
            insert into contact_channel (account_id, kind, address, language, sms_login, verified_at)
            values (:accountId, :kind, :address, :language, :smsLogin, :verifiedAt)
            on conflict do nothing""";
    private static final String SET_SMS_LOGIN = """
            update contact_channel set sms_login = :enabled
            where account_id = :accountId and kind = 'sms'""";
    private static final String REMOVE = "delete from contact_channel where account_id = :accountId and kind = :kind";

    /** A retry happens only when another request inserts the row and another removes it, both between two statements. */
    private static final int MAX_TRIES = 3;

    private static final RowMapper<ContactChannel> CHANNEL = (rs, row) -> new ContactChannel(
            new AccountId(rs.getObject("account_id", UUID.class)),
            Channel.parse(rs.getString("kind"))
                    .orElseThrow(() -> new IllegalStateException("unknown kind in contact_channel")),
            rs.getString("address"),
            rs.getString("language"),
            rs.getBoolean("sms_login"),
            Timestamps.read(rs, "verified_at"));

    private final JdbcClient jdbc;

    public JdbcContactChannelRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public List<ContactChannel> findByAccount(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(FIND_BY_ACCOUNT).param("accountId", accountId.value()).query(CHANNEL).list();
    }

    @Override
    public Optional<ContactChannel> find(AccountId accountId, Channel kind) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        return jdbc.sql(FIND).param("accountId", accountId.value()).param("kind", kind.value()).query(CHANNEL).optional();
    }

    @Override
    public void save(ContactChannel channel) {
        Objects.requireNonNull(channel, "channel");
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            if (write(UPDATE, channel) == 1) {
                return;
            }
            // None yet; a concurrent save may insert first, and then this insert does nothing and the
            // next round's update replaces what it wrote: the last save wins, as with one row.
            if (write(INSERT, channel) == 1) {
                return;
            }
        }
        throw new IllegalStateException("contact channel kept disappearing while being saved");
    }

    @Override
    public boolean setSmsLogin(AccountId accountId, boolean enabled) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(SET_SMS_LOGIN).param("accountId", accountId.value()).param("enabled", enabled).update() == 1;
    }

    @Override
    public boolean remove(AccountId accountId, Channel kind) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        return jdbc.sql(REMOVE).param("accountId", accountId.value()).param("kind", kind.value()).update() == 1;
    }

    private int write(String sql, ContactChannel channel) {
        return jdbc.sql(sql)
                .param("accountId", channel.accountId().value())
                .param("kind", channel.kind().value())
                .param("address", channel.address())
                .param("language", channel.language())
                .param("smsLogin", channel.smsLogin())
                .param("verifiedAt", Timestamps.param(channel.verifiedAt()))
                .update();
    }

    @Override
    public List<ContactChannel> findByAddress(Channel kind, String address) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        return jdbc.sql(FIND_BY_ADDRESS).param("kind", kind.value()).param("address", address).query(CHANNEL).list();
    }
}
