package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.SessionRepository;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SessionRepository} on the {@code web_session} table. {@code amr} is stored comma-separated, as
 * {@code pwd,otp}. Writes are narrow (touch, re-authentication) or conditional on the previous token
 * (replace), so no request can write back a stale copy of a session.
 */
public final class JdbcSessionRepository implements SessionRepository {

    private static final String INSERT = """
            insert into web_session (id, token_hash, account_id, amr, assurance, created_at, last_seen_at,
                                     reauthenticated_at, kind)
            values (:id, :tokenHash, :accountId, :amr, :assurance, :createdAt, :lastSeenAt, :reauthenticatedAt,
                    :kind)""";
    private static final String SELECT = """
            select id, token_hash, account_id, amr, assurance, created_at, last_seen_at, reauthenticated_at, kind
            from web_session
            """;
    private static final String FIND_BY_TOKEN_HASH = SELECT + "where token_hash = :tokenHash";
    private static final String UPDATE = """
            update web_session
            set token_hash = :tokenHash, account_id = :accountId, amr = :amr, assurance = :assurance,
                created_at = :createdAt, last_seen_at = :lastSeenAt, reauthenticated_at = :reauthenticatedAt,
                kind = :kind
            where id = :id and token_hash = :previousTokenHash""";
    private static final String TOUCH =
            "update web_session set last_seen_at = :at where id = :id and last_seen_at < :at";
    private static final String REAUTHENTICATED =
            "update web_session set reauthenticated_at = :at, last_seen_at = :at where id = :id";
    private static final String DELETE = "delete from web_session where id = :id";
    private static final String DELETE_ALL_OF = "delete from web_session where account_id = :accountId";
    private static final String DELETE_ALL_OF_EXCEPT = DELETE_ALL_OF + " and id <> :keep";
    /**
     * {@link Session#isActiveAt}: {@code now < createdAt + MAX_AGE} and {@code now < lastSeenAt + IDLE_TIMEOUT},
     * rewritten as comparisons on the columns so the account index serves it.
     */
    private static final String FIND_ACTIVE_BY_ACCOUNT = SELECT + """
            where account_id = :accountId and created_at > :createdAfter and last_seen_at > :seenAfter
            order by created_at desc, id""";

    /** The negation of FIND_ACTIVE_BY_ACCOUNT's condition, for every account. */
    private static final String DELETE_INACTIVE =
            "delete from web_session where created_at <= :createdAfter or last_seen_at <= :seenAfter";

    private static final String AMR_SEPARATOR = ",";

    private static final RowMapper<Session> SESSION = (rs, row) -> new Session(
            rs.getObject("id", UUID.class),
            rs.getString("token_hash"),
            new AccountId(rs.getObject("account_id", UUID.class)),
            decodeAmr(rs.getString("amr")),
            AssuranceLevel.valueOf(rs.getString("assurance")),
            Timestamps.read(rs, "created_at"),
            Timestamps.read(rs, "last_seen_at"),
            Timestamps.read(rs, "reauthenticated_at"),
            Session.Kind.valueOf(rs.getString("kind")));

    private final JdbcClient jdbc;

    public JdbcSessionRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void create(Session session) {
        Objects.requireNonNull(session, "session");
        String amr = encodeAmr(session.amr());
        SqlErrors.conflictOnDuplicate("session id or token hash already exists", () -> jdbc.sql(INSERT)
                .param("id", session.id())
                .param("tokenHash", session.tokenHash())
                .param("accountId", session.accountId().value())
                .param("amr", amr)
                .param("assurance", session.assurance().name())
                .param("createdAt", Timestamps.param(session.createdAt()))
                .param("lastSeenAt", Timestamps.param(session.lastSeenAt()))
                .param("reauthenticatedAt", Timestamps.param(session.reauthenticatedAt()))
                .param("kind", session.kind().name())
                .update());
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return jdbc.sql(FIND_BY_TOKEN_HASH).param("tokenHash", tokenHash).query(SESSION).optional();
    }

    @Override
    public boolean replace(Session session, String previousTokenHash) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(previousTokenHash, "previousTokenHash");
        String amr = encodeAmr(session.amr());
        return SqlErrors.conflictOnDuplicate("session token hash already exists", () -> jdbc.sql(UPDATE)
                .param("id", session.id())
                .param("previousTokenHash", previousTokenHash)
                .param("tokenHash", session.tokenHash())
                .param("accountId", session.accountId().value())
                .param("amr", amr)
                .param("assurance", session.assurance().name())
                .param("createdAt", Timestamps.param(session.createdAt()))
                .param("lastSeenAt", Timestamps.param(session.lastSeenAt()))
                .param("reauthenticatedAt", Timestamps.param(session.reauthenticatedAt()))
                .param("kind", session.kind().name())
                .update() == 1);
    }

    @Override
    public void touch(UUID id, Instant lastSeenAt) {
        Objects.requireNonNull(id, "id");
        jdbc.sql(TOUCH).param("id", id).param("at", Timestamps.param(Objects.requireNonNull(lastSeenAt, "lastSeenAt"))).update();
    }

    @Override
    public void markReauthenticated(UUID id, Instant at) {
        Objects.requireNonNull(id, "id");
        jdbc.sql(REAUTHENTICATED).param("id", id).param("at", Timestamps.param(Objects.requireNonNull(at, "at"))).update();
    }

    @Override
    public void delete(UUID id) {
        Objects.requireNonNull(id, "id");
        jdbc.sql(DELETE).param("id", id).update();
    }

    @Override
    public int deleteAllOf(AccountId accountId, Optional<UUID> keep) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(keep, "keep");
        return keep.isPresent()
                ? jdbc.sql(DELETE_ALL_OF_EXCEPT).param("accountId", accountId.value()).param("keep", keep.get()).update()
                : jdbc.sql(DELETE_ALL_OF).param("accountId", accountId.value()).update();
    }

    @Override
    public int deleteInactive(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.sql(DELETE_INACTIVE)
                .param("createdAfter", Timestamps.param(now.minus(Session.MAX_AGE)))
                .param("seenAfter", Timestamps.param(now.minus(Session.IDLE_TIMEOUT)))
                .update();
    }

    @Override
    public List<Session> findByAccount(AccountId accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        // Stored times are whole microseconds, so "stored > bound" equals "stored > bound truncated to
        // microseconds" even when now carries nanoseconds; Timestamps.param truncates.
        return jdbc.sql(FIND_ACTIVE_BY_ACCOUNT)
                .param("accountId", accountId.value())
                .param("createdAfter", Timestamps.param(now.minus(Session.MAX_AGE)))
                .param("seenAfter", Timestamps.param(now.minus(Session.IDLE_TIMEOUT)))
                .query(SESSION)
                .list();
    }

    /** Refuses values the comma-separated column could not give back as they were. */
    private static String encodeAmr(List<String> amr) {
        for (String method : amr) {
            if (method.isEmpty() || method.contains(AMR_SEPARATOR)) {
                throw new IllegalArgumentException("amr values must be non-empty and hold no comma, was " + amr);
            }
        }
        return String.join(AMR_SEPARATOR, amr);
    }

    private static List<String> decodeAmr(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(AMR_SEPARATOR));
    }
}
