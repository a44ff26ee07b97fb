package dev.aikagi.jdbc;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.settings.TimeZoneRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link TimeZoneRepository} on {@code account_time_zone} (V18, issue 17). */
public final class JdbcTimeZoneRepository implements TimeZoneRepository {

    private static final String FIND = "select zone_id from account_time_zone where account_id = :account";
    private static final String UPDATE = """
            update account_time_zone set zone_id = :zone, chosen_at = :at where account_id = :account""";
    private static final String INSERT = """
            insert into account_time_zone (account_id, zone_id, chosen_at) values (:account, :zone, :at)""";
    private static final String CLEAR = "delete from account_time_zone where account_id = :account";

    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private final JdbcClient jdbc;

    public JdbcTimeZoneRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public Optional<ZoneId> find(AccountId account) {
        return jdbc.sql(FIND).param("account", Objects.requireNonNull(account, "account").value())
                .query(String.class).optional()
                // A zone a later JDK dropped is forgotten rather than failing the page.
                .filter(KNOWN::contains).map(ZoneId::of);
    }

    @Override
    public void choose(AccountId account, ZoneId zone, Instant at) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(at, "at");
        // Update, else insert; two choices racing on the insert: the loser updates what the winner wrote.
        if (update(account, zone, at) == 1) {
            return;
        }
        try {
            SqlErrors.conflictOnDuplicate("time zone already chosen", () -> {
                jdbc.sql(INSERT).param("account", account.value()).param("zone", zone.getId())
                        .param("at", Timestamps.param(at)).update();
            });
        } catch (Conflict raced) {
            update(account, zone, at);
        }
    }

    private int update(AccountId account, ZoneId zone, Instant at) {
        return jdbc.sql(UPDATE).param("account", account.value()).param("zone", zone.getId())
                .param("at", Timestamps.param(at)).update();
    }

    @Override
    public boolean clear(AccountId account) {
        return jdbc.sql(CLEAR).param("account", Objects.requireNonNull(account, "account").value()).update() == 1;
    }
}
