package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.recovery.Proof;
import dev.aikagi.core.recovery.RecoveryCase;
import dev.aikagi.core.recovery.RecoveryRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link RecoveryRepository} on the {@code recovery_case} table. Every change of state is one conditional
 * update whose row count decides (docs/STYLE.md rule 10): two nodes finishing the same case at once cannot both
 * start its waiting period or both complete it. The conditions match {@link RecoveryCase#state}: a case is
 * expired from its {@code expiresAt} on, and ready from its {@code waitingUntil} on.
 */
public final class JdbcRecoveryRepository implements RecoveryRepository {

    private static final String COLUMNS = """
            id, token_hash, account_id, subject, created_at, expires_at, email_proven_at, sms_proven_at, password_proven_at,
            waiting_until, cancelled_at, completed_at""";
    private static final String INSERT = "insert into recovery_case (" + COLUMNS + """
            ) values (:id, :tokenHash, :accountId, :subject, :createdAt, :expiresAt, :emailProvenAt, :smsProvenAt,
                      :passwordProvenAt, :waitingUntil, :cancelledAt, :completedAt)""";
    private static final String FIND = "select " + COLUMNS + " from recovery_case where id = :id";
    private static final String FIND_BY_TOKEN_HASH = "select " + COLUMNS
            + " from recovery_case where token_hash = :tokenHash";
    /** A new token for the support approval's link (issue 14); a completed case keeps what it had. */
    private static final String REPLACE_TOKEN_HASH =
            "update recovery_case set token_hash = :tokenHash where id = :id and completed_at is null";
    /** The first time a proof was given is kept: giving it again changes nothing but still counts as open. */
    private static final String ADD_EMAIL_PROOF = addProof("email_proven_at");
    private static final String ADD_SMS_PROOF = addProof("sms_proven_at");
    private static final String ADD_PASSWORD_PROOF = addProof("password_proven_at");
    private static final String START_WAITING = """
            update recovery_case set waiting_until = :waitingUntil, expires_at = :expiresAt
            where id = :id and waiting_until is null and cancelled_at is null and completed_at is null
              and expires_at > :now""";
    private static final String COMPLETE = """
            update recovery_case set completed_at = :now
            where id = :id and waiting_until is not null and waiting_until <= :now and expires_at > :now
              and cancelled_at is null and completed_at is null""";
    private static final String CANCEL_OPEN = """
            update recovery_case set cancelled_at = :now
            where account_id = :accountId and cancelled_at is null and completed_at is null and expires_at > :now""";
    private static final String LAST_COMPLETED_AT = """
            select max(completed_at) as completed_at from recovery_case where account_id = :accountId""";
    private static final String DELETE_EXPIRED = "delete from recovery_case where expires_at < :before";

    private static final RowMapper<RecoveryCase> CASE = (rs, row) -> {
        UUID accountId = rs.getObject("account_id", UUID.class);
        return new RecoveryCase(
                rs.getObject("id", UUID.class),
                // Cases from before V8 have no token: "" matches no token (RecoveryTokens.matches).
                Objects.requireNonNullElse(rs.getString("token_hash"), ""),
                Optional.ofNullable(accountId).map(AccountId::new),
                rs.getString("subject"),
                Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "expires_at"),
                Timestamps.read(rs, "email_proven_at"),
                Timestamps.read(rs, "sms_proven_at"),
                Timestamps.read(rs, "password_proven_at"),
                Timestamps.read(rs, "waiting_until"),
                Timestamps.read(rs, "cancelled_at"),
                Timestamps.read(rs, "completed_at"));
    };

    private final JdbcClient jdbc;

    public JdbcRecoveryRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void create(RecoveryCase recovery) {
        Objects.requireNonNull(recovery, "recovery");
        SqlErrors.conflictOnDuplicate("recovery case id or token already exists", () -> jdbc.sql(INSERT)
                .param("id", recovery.id())
                .param("tokenHash", recovery.tokenHash().isEmpty() ? null : recovery.tokenHash())
                .param("accountId", recovery.accountId().map(AccountId::value).orElse(null))
                .param("subject", recovery.subject())
                .param("createdAt", Timestamps.param(recovery.createdAt()))
                .param("expiresAt", Timestamps.param(recovery.expiresAt()))
                .param("emailProvenAt", Timestamps.param(recovery.emailProvenAt()))
                .param("smsProvenAt", Timestamps.param(recovery.smsProvenAt()))
                .param("passwordProvenAt", Timestamps.param(recovery.passwordProvenAt()))
                .param("waitingUntil", Timestamps.param(recovery.waitingUntil()))
                .param("cancelledAt", Timestamps.param(recovery.cancelledAt()))
                .param("completedAt", Timestamps.param(recovery.completedAt()))
                .update());
    }

    @Override
    public Optional<RecoveryCase> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return jdbc.sql(FIND).param("id", id).query(CASE).optional();
    }

    @Override
    public Optional<RecoveryCase> findByTokenHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        if (tokenHash.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql(FIND_BY_TOKEN_HASH).param("tokenHash", tokenHash).query(CASE).optional();
    }

    @Override
    public boolean replaceTokenHash(UUID id, String tokenHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        int changed = SqlErrors.conflictOnDuplicate("recovery token already exists", () -> jdbc.sql(REPLACE_TOKEN_HASH)
                .param("id", id).param("tokenHash", tokenHash).update());
        return changed == 1;
    }

    @Override
    public boolean addProof(UUID id, Proof proof, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(now, "now");
        String sql = switch (proof) {
            case EMAIL -> ADD_EMAIL_PROOF;
            case SMS -> ADD_SMS_PROOF;
            case PASSWORD -> ADD_PASSWORD_PROOF;
        };
        return jdbc.sql(sql).param("id", id).param("now", Timestamps.param(now)).update() == 1;
    }

    @Override
    public boolean startWaiting(UUID id, Instant waitingUntil, Instant expiresAt, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(waitingUntil, "waitingUntil");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(now, "now");
        return jdbc.sql(START_WAITING)
                .param("id", id)
                .param("waitingUntil", Timestamps.param(waitingUntil))
                .param("expiresAt", Timestamps.param(expiresAt))
                .param("now", Timestamps.param(now))
                .update() == 1;
    }

    @Override
    public boolean complete(UUID id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        return jdbc.sql(COMPLETE).param("id", id).param("now", Timestamps.param(now)).update() == 1;
    }

    @Override
    public int cancelOpen(AccountId accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        return jdbc.sql(CANCEL_OPEN).param("accountId", accountId.value()).param("now", Timestamps.param(now))
                .update();
    }

    @Override
    public Optional<Instant> lastCompletedAt(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(LAST_COMPLETED_AT)
                .param("accountId", accountId.value())
                .query((rs, row) -> Optional.ofNullable(Timestamps.read(rs, "completed_at")))
                .single();
    }

    @Override
    public int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.sql(DELETE_EXPIRED).param("before", Timestamps.param(before)).update();
    }

    /** The column name comes from the switch in {@link #addProof}, never from input. */
    private static String addProof(String column) {
        return "update recovery_case set " + column + " = coalesce(" + column + ", :now)"
                + " where id = :id and cancelled_at is null and completed_at is null and waiting_until is null"
                + " and expires_at > :now";
    }
}
