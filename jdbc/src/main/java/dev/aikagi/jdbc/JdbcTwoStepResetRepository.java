package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.admin.AdminTwoStep;
import dev.aikagi.core.admin.TwoStepReset;
import dev.aikagi.core.admin.TwoStepResetRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link TwoStepResetRepository} on {@code two_step_reset} (V19). */
public final class JdbcTwoStepResetRepository implements TwoStepResetRepository {

    private static final String INSERT = """
            insert into two_step_reset (id, account_id, method, requested_by, requested_at, effective_at, state)
            values (:id, :account, :method, :by, :requestedAt, :effectiveAt, 'waiting')""";
    private static final String SELECT =
            "select id, account_id, method, requested_by, requested_at, effective_at from two_step_reset ";
    private static final String DUE = SELECT
            + "where state = 'waiting' and effective_at <= :now order by effective_at, id limit :limit";
    private static final String WAITING = SELECT + "where account_id = :account and state = 'waiting' order by requested_at, id";
    private static final String MARK_DONE =
            "update two_step_reset set state = 'done', closed_at = :at where id = :id and state = 'waiting'";
    private static final String CANCEL = """
            update two_step_reset set state = 'cancelled', closed_at = :at
            where account_id = :account and state = 'waiting'""";

    private static final RowMapper<TwoStepReset> RESET = (rs, row) -> new TwoStepReset(
            rs.getObject("id", UUID.class),
            new AccountId(rs.getObject("account_id", UUID.class)),
            AdminTwoStep.Method.parse(rs.getString("method"))
                    .orElseThrow(() -> new IllegalStateException("unknown method in two_step_reset")),
            rs.getString("requested_by"),
            Timestamps.read(rs, "requested_at"),
            Timestamps.read(rs, "effective_at"));

    private final JdbcClient jdbc;

    public JdbcTwoStepResetRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void create(TwoStepReset reset) {
        Objects.requireNonNull(reset, "reset");
        jdbc.sql(INSERT)
                .param("id", reset.id())
                .param("account", reset.accountId().value())
                .param("method", reset.method().value())
                .param("by", reset.requestedBy())
                .param("requestedAt", Timestamps.param(reset.requestedAt()))
                .param("effectiveAt", Timestamps.param(reset.effectiveAt()))
                .update();
    }

    @Override
    public List<TwoStepReset> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        return jdbc.sql(DUE).param("now", Timestamps.param(now)).param("limit", limit).query(RESET).list();
    }

    @Override
    public boolean markDone(UUID id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        return jdbc.sql(MARK_DONE).param("id", id).param("at", Timestamps.param(at)).update() == 1;
    }

    @Override
    public int cancelWaiting(AccountId account, Instant at) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(at, "at");
        return jdbc.sql(CANCEL).param("account", account.value()).param("at", Timestamps.param(at)).update();
    }

    @Override
    public List<TwoStepReset> waiting(AccountId account) {
        Objects.requireNonNull(account, "account");
        return jdbc.sql(WAITING).param("account", account.value()).query(RESET).list();
    }
}
