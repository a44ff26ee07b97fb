package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.support.SupportCase;
import dev.aikagi.core.support.SupportRepository;
import dev.aikagi.core.support.SupportState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SupportRepository} on the {@code support_case} table. Every change of state is one conditional
 * update whose row count decides (docs/STYLE.md rule 10): two agents deciding at once cannot both decide, and
 * the "another agent" rule of a second approval is part of the update's condition.
 */
public final class JdbcSupportRepository implements SupportRepository {

    private static final String COLUMNS = """
            id, account_id, username, contact_email, language, statement, state, created_at, first_approver,
            decided_by, decided_at, reason, recovery_id, closed_at""";
    private static final String INSERT = "insert into support_case (" + COLUMNS + """
            ) values (:id, :accountId, :username, :contactEmail, :language, :statement, :state, :createdAt,
                      :firstApprover, :decidedBy, :decidedAt, :reason, :recoveryId, :closedAt)""";
    private static final String FIND = "select " + COLUMNS + " from support_case where id = :id";
    private static final String QUEUE_ALL = "select " + COLUMNS
            + " from support_case where created_at < :before order by created_at, id limit :limit";
    private static final String QUEUE_STATE = "select " + COLUMNS
            + " from support_case where state = :state and created_at < :before order by created_at, id limit :limit";
    private static final String FIRST_APPROVAL = """
            update support_case set first_approver = :agent
            where id = :id and state = 'OPEN' and first_approver is null""";
    private static final String APPROVE_ONE = """
            update support_case set state = 'APPROVED', decided_by = :agent, decided_at = :now, reason = :reason
            where id = :id and state = 'OPEN'""";
    private static final String APPROVE_SECOND = """
            update support_case set state = 'APPROVED', decided_by = :agent, decided_at = :now, reason = :reason
            where id = :id and state = 'OPEN' and first_approver is not null and first_approver <> :agent""";
    private static final String REJECT = """
            update support_case set state = 'REJECTED', decided_by = :agent, decided_at = :now, reason = :reason
            where id = :id and state = 'OPEN'""";
    private static final String ATTACH_RECOVERY = """
            update support_case set recovery_id = :recoveryId, link_digest = :digest
            where id = :id and state = 'APPROVED' and recovery_id is null""";
    private static final String USE_LINK = """
            update support_case set state = 'CLOSED', closed_at = :now
            where link_digest = :digest and state = 'APPROVED'""";
    private static final String FIND_BY_LINK = "select " + COLUMNS + " from support_case where link_digest = :digest";

    private static final RowMapper<SupportCase> CASE = (rs, row) -> new SupportCase(
            rs.getObject("id", UUID.class),
            Optional.ofNullable(rs.getObject("account_id", UUID.class)).map(AccountId::new),
            rs.getString("username"),
            rs.getString("contact_email"),
            rs.getString("language"),
            rs.getString("statement"),
            SupportState.valueOf(rs.getString("state")),
            Timestamps.read(rs, "created_at"),
            agent(rs.getObject("first_approver", UUID.class)),
            agent(rs.getObject("decided_by", UUID.class)),
            Timestamps.read(rs, "decided_at"),
            rs.getString("reason"),
            rs.getObject("recovery_id", UUID.class),
            Timestamps.read(rs, "closed_at"));

    private final JdbcClient jdbc;

    public JdbcSupportRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void create(SupportCase c) {
        Objects.requireNonNull(c, "supportCase");
        SqlErrors.conflictOnDuplicate("support case id already exists", () -> jdbc.sql(INSERT)
                .param("id", c.id())
                .param("accountId", c.accountId().map(AccountId::value).orElse(null))
                .param("username", c.username())
                .param("contactEmail", c.contactEmail())
                .param("language", c.language())
                .param("statement", c.statement())
                .param("state", c.state().name())
                .param("createdAt", Timestamps.param(c.createdAt()))
                .param("firstApprover", value(c.firstApprover()))
                .param("decidedBy", value(c.decidedBy()))
                .param("decidedAt", Timestamps.param(c.decidedAt()))
                .param("reason", c.reason())
                .param("recoveryId", c.recoveryId())
                .param("closedAt", Timestamps.param(c.closedAt()))
                .update());
    }

    @Override
    public Optional<SupportCase> find(UUID id) {
        return jdbc.sql(FIND).param("id", Objects.requireNonNull(id, "id")).query(CASE).optional();
    }

    @Override
    public List<SupportCase> queue(Optional<SupportState> state, Instant createdBefore, int limit) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdBefore, "createdBefore");
        var sql = jdbc.sql(state.isPresent() ? QUEUE_STATE : QUEUE_ALL)
                .param("before", Timestamps.param(createdBefore))
                .param("limit", limit);
        if (state.isPresent()) {
            sql = sql.param("state", state.get().name());
        }
        return sql.query(CASE).list();
    }

    @Override
    public boolean addFirstApproval(UUID id, AccountId agent) {
        return jdbc.sql(FIRST_APPROVAL).param("id", id).param("agent", agent.value()).update() == 1;
    }

    @Override
    public boolean approve(UUID id, AccountId agent, String reason, boolean secondOfTwo, Instant now) {
        return jdbc.sql(secondOfTwo ? APPROVE_SECOND : APPROVE_ONE)
                .param("id", id)
                .param("agent", agent.value())
                .param("reason", reason)
                .param("now", Timestamps.param(now))
                .update() == 1;
    }

    @Override
    public boolean reject(UUID id, AccountId agent, String reason, Instant now) {
        return jdbc.sql(REJECT)
                .param("id", id)
                .param("agent", agent.value())
                .param("reason", reason)
                .param("now", Timestamps.param(now))
                .update() == 1;
    }

    @Override
    public boolean attachRecovery(UUID id, UUID recoveryId, String linkDigest) {
        return jdbc.sql(ATTACH_RECOVERY)
                .param("id", id)
                .param("recoveryId", Objects.requireNonNull(recoveryId, "recoveryId"))
                .param("digest", Objects.requireNonNull(linkDigest, "linkDigest"))
                .update() == 1;
    }

    @Override
    public Optional<SupportCase> useLink(String linkDigest, Instant now) {
        Objects.requireNonNull(linkDigest, "linkDigest");
        if (jdbc.sql(USE_LINK).param("digest", linkDigest).param("now", Timestamps.param(now)).update() != 1) {
            return Optional.empty();
        }
        return jdbc.sql(FIND_BY_LINK).param("digest", linkDigest).query(CASE).optional();
    }

    private static AccountId agent(UUID value) {
        return value == null ? null : new AccountId(value);
    }

    private static UUID value(AccountId id) {
        return id == null ? null : id.value();
    }
}
