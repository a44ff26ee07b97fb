package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.code.CodePurpose;
import dev.aikagi.core.code.OneTimeCode;
import dev.aikagi.core.code.OneTimeCodeRepository;
import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link OneTimeCodeRepository} on the {@code one_time_code} table. Salts and digests are Base64 text, as in
 * {@link JdbcBackupCodeRepository}.
 */
public final class JdbcOneTimeCodeRepository implements OneTimeCodeRepository {

    private static final String COLUMNS = """
            id, account_id, purpose, binding, key_id, salt, digest, created_at, expires_at, used_at, superseded_at""";
    private static final String INSERT = "insert into one_time_code (" + COLUMNS + """
            ) values (:id, :accountId, :purpose, :binding, :keyId, :salt, :digest, :createdAt, :expiresAt, :usedAt,
                      :supersededAt)""";
    /** Runs before the insert, so it never touches the new code. Used codes keep their history as it was. */
    private static final String SUPERSEDE = """
            update one_time_code set superseded_at = :supersededAt
            where account_id = :accountId and purpose = :purpose and used_at is null and superseded_at is null""";
    /** Recovery: a code belongs to its case, and another case's new code leaves it alone (issue 14). */
    private static final String SUPERSEDE_SAME_BINDING = SUPERSEDE + " and binding = :binding";
    /**
     * Newest first. Codes issued in the same microsecond are told apart by supersession: the one still
     * current was issued last, and of superseded ones the later superseded was issued later.
     */
    private static final String RECENT = "select " + COLUMNS + """
             from one_time_code
            where account_id = :accountId and purpose = :purpose
            order by created_at desc, superseded_at desc nulls first, id desc
            limit :limit""";
    /** Use once (docs/STYLE.md rule 10): one conditional write, decided by its row count. */
    private static final String MARK_USED = """
            update one_time_code set used_at = :now
            where id = :id and used_at is null and superseded_at is null and expires_at > :now""";
    private static final String DELETE_EXPIRED = "delete from one_time_code where expires_at < :before";

    private static final RowMapper<OneTimeCode> CODE = (rs, row) -> {
        Base64.Decoder decoder = Base64.getDecoder();
        return new OneTimeCode(
                rs.getObject("id", UUID.class),
                new AccountId(rs.getObject("account_id", UUID.class)),
                CodePurpose.valueOf(rs.getString("purpose")),
                rs.getString("binding"),
                new KeyedDigest(rs.getString("key_id"), decoder.decode(rs.getString("salt")),
                        decoder.decode(rs.getString("digest"))),
                Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "expires_at"),
                Timestamps.read(rs, "used_at"),
                Timestamps.read(rs, "superseded_at"));
    };

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AccountLock accountLock;

    public JdbcOneTimeCodeRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.accountLock = new AccountLock(jdbc);
    }

    @Override
    public void issue(OneTimeCode code) {
        Objects.requireNonNull(code, "code");
        SqlErrors.conflictOnDuplicate("one-time code id already exists", () -> transaction.executeWithoutResult(tx -> {
            // Without the lock, two concurrent sends could each supersede only what came before both, and
            // leave two valid codes.
            accountLock.lock(code.accountId());
            jdbc.sql(code.purpose().supersedesOnlyItsBinding() ? SUPERSEDE_SAME_BINDING : SUPERSEDE)
                    .param("accountId", code.accountId().value())
                    .param("purpose", code.purpose().name())
                    .param("binding", code.binding()) // used by SUPERSEDE_SAME_BINDING only
                    .param("supersededAt", Timestamps.param(code.createdAt()))
                    .update();
            jdbc.sql(INSERT)
                    .param("id", code.id())
                    .param("accountId", code.accountId().value())
                    .param("purpose", code.purpose().name())
                    .param("binding", code.binding())
                    .param("keyId", code.digest().keyId())
                    .param("salt", BASE64.encodeToString(code.digest().salt()))
                    .param("digest", BASE64.encodeToString(code.digest().digest()))
                    .param("createdAt", Timestamps.param(code.createdAt()))
                    .param("expiresAt", Timestamps.param(code.expiresAt()))
                    .param("usedAt", Timestamps.param(code.usedAt()))
                    .param("supersededAt", Timestamps.param(code.supersededAt()))
                    .update();
        }));
    }

    @Override
    public List<OneTimeCode> recent(AccountId accountId, CodePurpose purpose, int limit) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(purpose, "purpose");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return jdbc.sql(RECENT)
                .param("accountId", accountId.value())
                .param("purpose", purpose.name())
                .param("limit", limit)
                .query(CODE)
                .list();
    }

    @Override
    public boolean markUsed(UUID id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        return jdbc.sql(MARK_USED).param("id", id).param("now", Timestamps.param(now)).update() == 1;
    }

    @Override
    public int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.sql(DELETE_EXPIRED).param("before", Timestamps.param(before)).update();
    }
}
