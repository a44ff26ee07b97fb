package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.CompletedFactor;
import dev.aikagi.core.login.LoginFlow;
import dev.aikagi.core.login.LoginFlowRepository;
import dev.aikagi.core.login.LoginState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link LoginFlowRepository} on the {@code login_flow} table. The factor lists are stored as text
 * ({@code TOTP,BACKUP_CODE} and {@code PASSWORD@2026-04-01T08:00:05.123456Z;TOTP@…}) rather than in child
 * tables: a flow is always read and written whole, and lives ten minutes.
 */
public final class JdbcLoginFlowRepository implements LoginFlowRepository {

    private static final String INSERT = """
            insert into login_flow (id, state, account_id, second_factors, challenge, completed, created_at,
                                    expires_at, version)
            values (:id, :state, :accountId, :secondFactors, :challenge, :completed, :createdAt, :expiresAt,
                    :version)""";
    private static final String FIND = """
            select id, state, account_id, second_factors, challenge, completed, created_at, expires_at, version
            from login_flow
            where id = :id""";
    /** Optimistic: only the version that {@code next} was advanced from may be overwritten. */
    private static final String UPDATE = """
            update login_flow
            set state = :state, account_id = :accountId, second_factors = :secondFactors, challenge = :challenge,
                completed = :completed, expires_at = :expiresAt, version = :version
            where id = :id and version = :previousVersion""";
    /** Matches {@link LoginFlow#isExpiredAt}: a flow is expired from its expiry instant on. */
    private static final String DELETE_EXPIRED = "delete from login_flow where expires_at <= :now";

    private static final String LIST_SEPARATOR = ",";
    private static final String COMPLETED_SEPARATOR = ";";
    private static final String AT = "@";

    private static final RowMapper<LoginFlow> FLOW = (rs, row) -> {
        UUID accountId = rs.getObject("account_id", UUID.class);
        String challenge = rs.getString("challenge");
        return new LoginFlow(
                rs.getObject("id", UUID.class),
                LoginState.valueOf(rs.getString("state")),
                accountId == null ? null : new AccountId(accountId),
                decodeKinds(rs.getString("second_factors")),
                challenge == null ? null : FactorKind.valueOf(challenge),
                decodeCompleted(rs.getString("completed")),
                Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "expires_at"),
                rs.getInt("version"));
    };

    private final JdbcClient jdbc;

    public JdbcLoginFlowRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void create(LoginFlow flow) {
        Objects.requireNonNull(flow, "flow");
        SqlErrors.conflictOnDuplicate("login flow id already exists", () -> jdbc.sql(INSERT)
                .param("id", flow.id())
                .param("state", flow.state().name())
                .param("accountId", flow.accountId() == null ? null : flow.accountId().value())
                .param("secondFactors", encodeKinds(flow.secondFactors()))
                .param("challenge", flow.challenge() == null ? null : flow.challenge().name())
                .param("completed", encodeCompleted(flow.completed()))
                .param("createdAt", Timestamps.param(flow.createdAt()))
                .param("expiresAt", Timestamps.param(flow.expiresAt()))
                .param("version", flow.version())
                .update());
    }

    @Override
    public Optional<LoginFlow> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return jdbc.sql(FIND).param("id", id).query(FLOW).optional();
    }

    @Override
    public boolean update(LoginFlow next) {
        Objects.requireNonNull(next, "next");
        return jdbc.sql(UPDATE)
                .param("id", next.id())
                .param("state", next.state().name())
                .param("accountId", next.accountId() == null ? null : next.accountId().value())
                .param("secondFactors", encodeKinds(next.secondFactors()))
                .param("challenge", next.challenge() == null ? null : next.challenge().name())
                .param("completed", encodeCompleted(next.completed()))
                .param("expiresAt", Timestamps.param(next.expiresAt()))
                .param("version", next.version())
                .param("previousVersion", next.version() - 1)
                .update() == 1;
    }

    @Override
    public int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.sql(DELETE_EXPIRED).param("now", Timestamps.param(now)).update();
    }

    private static String encodeKinds(Set<FactorKind> kinds) {
        return kinds.stream().sorted().map(FactorKind::name).collect(Collectors.joining(LIST_SEPARATOR));
    }

    private static Set<FactorKind> decodeKinds(String text) {
        return text.isEmpty()
                ? Set.of()
                : Arrays.stream(text.split(LIST_SEPARATOR)).map(FactorKind::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static String encodeCompleted(List<CompletedFactor> completed) {
        return completed.stream()
                .map(f -> f.kind().name() + AT + Timestamps.truncate(f.at()))
                .collect(Collectors.joining(COMPLETED_SEPARATOR));
    }

    private static List<CompletedFactor> decodeCompleted(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(COMPLETED_SEPARATOR))
                .map(entry -> {
                    int at = entry.indexOf(AT);
                    return new CompletedFactor(FactorKind.valueOf(entry.substring(0, at)),
                            Instant.parse(entry.substring(at + 1)));
                })
                .toList();
    }
}
