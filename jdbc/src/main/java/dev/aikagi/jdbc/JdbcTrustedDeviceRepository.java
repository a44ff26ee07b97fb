package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import dev.aikagi.core.trust.TrustedDevice;
import dev.aikagi.core.trust.TrustedDeviceRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link TrustedDeviceRepository} on the {@code trusted_device} table (issue 17). A use is recorded by one
 * conditional update that also checks the account and the expiry, so a device removed or expired in the meantime
 * is never used (docs/STYLE.md rule 10).
 */
public final class JdbcTrustedDeviceRepository implements TrustedDeviceRepository {

    private static final String COLUMNS = """
            id, account_id, kind, key_id, salt, digest, description, created_at, last_used_at, last_network,
            expires_at""";
    private static final String INSERT = """
            insert into trusted_device (id, account_id, kind, key_id, salt, digest, description, created_at,
                                        last_used_at, last_network, expires_at)
            values (:id, :accountId, :kind, :keyId, :salt, :digest, :description, :createdAt, :lastUsedAt,
                    :lastNetwork, :expiresAt)""";
    private static final String FIND = "select " + COLUMNS + " from trusted_device where id = :id";
    private static final String ACTIVE = "select " + COLUMNS + """
             from trusted_device where account_id = :accountId and expires_at > :now
            order by last_used_at desc, id""";
    /** Never moves last_used_at back (a node with a slower clock). */
    private static final String TOUCH = """
            update trusted_device set last_used_at = greatest(last_used_at, :now), last_network = :network
            where id = :id and account_id = :accountId and expires_at > :now""";
    private static final String REMOVE = "delete from trusted_device where id = :id and account_id = :accountId";
    private static final String REMOVE_ALL = "delete from trusted_device where account_id = :accountId";
    private static final String DELETE_EXPIRED = "delete from trusted_device where expires_at < :before";

    private static final RowMapper<TrustedDevice> ROW = (rs, row) -> device(rs);

    private final JdbcClient jdbc;

    public JdbcTrustedDeviceRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void add(TrustedDevice device) {
        Objects.requireNonNull(device, "device");
        Base64.Encoder base64 = Base64.getEncoder();
        KeyedDigest digest = device.digest();
        jdbc.sql(INSERT)
                .param("id", device.id())
                .param("accountId", device.accountId().value())
                .param("kind", device.kind().name())
                .param("keyId", digest.keyId())
                .param("salt", base64.encodeToString(digest.salt()))
                .param("digest", base64.encodeToString(digest.digest()))
                .param("description", device.description())
                .param("createdAt", Timestamps.param(device.createdAt()))
                .param("lastUsedAt", Timestamps.param(device.lastUsedAt()))
                .param("lastNetwork", device.lastNetwork())
                .param("expiresAt", Timestamps.param(device.expiresAt()))
                .update();
    }

    @Override
    public Optional<TrustedDevice> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return jdbc.sql(FIND).param("id", id).query(ROW).optional();
    }

    @Override
    public List<TrustedDevice> active(AccountId accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        return jdbc.sql(ACTIVE).param("accountId", accountId.value()).param("now", Timestamps.param(now)).query(ROW).list();
    }

    @Override
    public boolean touch(UUID id, AccountId accountId, Instant now, String network) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(network, "network");
        return jdbc.sql(TOUCH)
                .param("id", id)
                .param("accountId", accountId.value())
                .param("now", Timestamps.param(now))
                .param("network", network)
                .update() == 1;
    }

    @Override
    public boolean remove(AccountId accountId, UUID id) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(id, "id");
        return jdbc.sql(REMOVE).param("id", id).param("accountId", accountId.value()).update() == 1;
    }

    @Override
    public int removeAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(REMOVE_ALL).param("accountId", accountId.value()).update();
    }

    @Override
    public int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.sql(DELETE_EXPIRED).param("before", Timestamps.param(before)).update();
    }

    private static TrustedDevice device(ResultSet rs) throws SQLException {
        Base64.Decoder base64 = Base64.getDecoder();
        return new TrustedDevice(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
                TrustedDevice.Kind.valueOf(rs.getString("kind")),
                new KeyedDigest(rs.getString("key_id"), base64.decode(rs.getString("salt")),
                        base64.decode(rs.getString("digest"))),
                rs.getString("description"), Timestamps.read(rs, "created_at"), Timestamps.read(rs, "last_used_at"),
                rs.getString("last_network"), Timestamps.read(rs, "expires_at"));
    }
}
