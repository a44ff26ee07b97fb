package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.notify.KnownDeviceRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link KnownDeviceRepository} on the {@code known_device} table. "First time seen" is decided by the
 * insert's row count: of two first logins from one device at once, the primary key lets one insert in and
 * the other finds the row (PostgreSQL and H2 make the second insert wait for the first to commit).
 * Bindings (a device's own attempt budget, issue 14) live in {@code device_binding}.
 */
public final class JdbcKnownDeviceRepository implements KnownDeviceRepository {

    /** Like JdbcAttemptRepository: no conflict target, the only form both PostgreSQL and H2 accept. */
    private static final String INSERT = """
            insert into known_device (account_id, device_hash, first_seen_at, last_seen_at)
            values (:accountId, :deviceHash, :now, :now)
            on conflict do nothing""";
    /** Never moves last_seen_at back (a node with a slower clock), yet matches the row whatever its time. */
    private static final String TOUCH = """
            update known_device set last_seen_at = greatest(last_seen_at, :now)
            where account_id = :accountId and device_hash = :deviceHash""";
    private static final String FORGET_ALL = "delete from known_device where account_id = :accountId";
    private static final String INSERT_BINDING = """
            insert into device_binding (account_id, binding_hash, bound_at, last_login_at)
            values (:accountId, :bindingHash, :now, :now)
            on conflict do nothing""";
    private static final String TOUCH_BINDING = """
            update device_binding set last_login_at = greatest(last_login_at, :now)
            where account_id = :accountId and binding_hash = :bindingHash""";
    private static final String LAST_LOGIN = """
            select last_login_at from device_binding where account_id = :accountId and binding_hash = :bindingHash""";
    private static final String FORGET_BINDINGS = "delete from device_binding where account_id = :accountId";

    /** A row appears or vanishes between the two statements only by a concurrent login or forgetAll; retrying then is enough. */
    private static final int MAX_TRIES = 3;

    private final JdbcClient jdbc;

    public JdbcKnownDeviceRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public boolean remember(AccountId accountId, String deviceHash, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(deviceHash, "deviceHash");
        Objects.requireNonNull(now, "now");
        // Touch first, as bind does: most logins come from a device seen before, and then one statement is enough
        // (issue 15). New only for the call whose insert added the row.
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int touched = jdbc.sql(TOUCH)
                    .param("accountId", accountId.value())
                    .param("deviceHash", deviceHash)
                    .param("now", Timestamps.param(now))
                    .update();
            if (touched == 1) {
                return false;
            }
            int inserted = jdbc.sql(INSERT)
                    .param("accountId", accountId.value())
                    .param("deviceHash", deviceHash)
                    .param("now", Timestamps.param(now))
                    .update();
            if (inserted == 1) {
                return true;
            }
            // A concurrent first login inserted it meanwhile, or it was forgotten in between ("this wasn't me"):
            // touch it again, or insert it again as a new device.
        }
        throw new IllegalStateException("known device kept disappearing while being remembered");
    }

    @Override
    public void bind(AccountId accountId, String bindingHash, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(bindingHash, "bindingHash");
        Objects.requireNonNull(now, "now");
        // Touch first (the common case, a device logging in again), insert when there was nothing to touch; a
        // concurrent first login inserts the same row, and either way the row ends at the later time.
        int touched = jdbc.sql(TOUCH_BINDING)
                .param("accountId", accountId.value())
                .param("bindingHash", bindingHash)
                .param("now", Timestamps.param(now))
                .update();
        if (touched == 0) {
            int inserted = jdbc.sql(INSERT_BINDING)
                    .param("accountId", accountId.value())
                    .param("bindingHash", bindingHash)
                    .param("now", Timestamps.param(now))
                    .update();
            if (inserted == 0) {
                jdbc.sql(TOUCH_BINDING)
                        .param("accountId", accountId.value())
                        .param("bindingHash", bindingHash)
                        .param("now", Timestamps.param(now))
                        .update();
            }
        }
    }

    @Override
    public Optional<Instant> lastLogin(AccountId accountId, String bindingHash) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(bindingHash, "bindingHash");
        return jdbc.sql(LAST_LOGIN)
                .param("accountId", accountId.value())
                .param("bindingHash", bindingHash)
                .query((rs, row) -> Timestamps.read(rs, "last_login_at"))
                .optional();
    }

    @Override
    public int forgetAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        jdbc.sql(FORGET_BINDINGS).param("accountId", accountId.value()).update();
        return jdbc.sql(FORGET_ALL).param("accountId", accountId.value()).update();
    }
}
