package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import dev.aikagi.core.factor.backup.BackupCodeRepository;
import dev.aikagi.core.factor.backup.BackupCodeSet;
import dev.aikagi.core.factor.backup.StoredBackupCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link BackupCodeRepository} on {@code backup_code_set} and {@code backup_code}. Salts and digests are
 * Base64 text: portable, and no {@code bytea}/{@code blob} (docs/STYLE.md rule 20).
 */
public final class JdbcBackupCodeRepository implements BackupCodeRepository {

    private static final String MARK_REPLACED = """
            update backup_code_set set replaced_at = :replacedAt
            where account_id = :accountId and replaced_at is null""";
    private static final String INSERT_SET = """
            insert into backup_code_set (id, account_id, created_at, replaced_at)
            values (:id, :accountId, :createdAt, null)""";
    private static final String INSERT_CODE = """
            insert into backup_code (id, set_id, position, key_id, salt, digest, sealed, used_at)
            values (:id, :setId, :position, :keyId, :salt, :digest, :sealed, :usedAt)""";
    /** One statement, so the set and its codes come from one snapshot. */
    private static final String FIND_CURRENT = """
            select s.id as set_id, s.account_id, s.created_at as set_created_at,
                   c.id, c.position, c.key_id, c.salt, c.digest, c.sealed, c.used_at
            from backup_code_set s
            left join backup_code c on c.set_id = s.id
            where s.account_id = :accountId and s.replaced_at is null
            order by c.position""";
    private static final String FIND_REPLACED_DIGESTS = """
            select c.key_id, c.salt, c.digest
            from (select id, replaced_at, created_at
                  from backup_code_set
                  where account_id = :accountId and replaced_at is not null
                  order by replaced_at desc, created_at desc, id
                  limit :maxSets) s
            join backup_code c on c.set_id = s.id
            order by s.replaced_at desc, s.created_at desc, s.id, c.position""";
    /**
     * Use once (docs/STYLE.md rule 10): one conditional write, decided by its row count. The set condition
     * refuses a code of a replaced set even if it raced with {@link #replace}.
     */
    private static final String CONSUME = """
            update backup_code set used_at = :usedAt
            where id = :id and used_at is null
              and set_id in (select id from backup_code_set where replaced_at is null)""";
    private static final String COUNT_UNUSED = """
            select count(*)
            from backup_code c
            join backup_code_set s on s.id = c.set_id
            where s.account_id = :accountId and s.replaced_at is null and c.used_at is null""";
    /** Codes go with their sets (on delete cascade). */
    private static final String DELETE_ALL = "delete from backup_code_set where account_id = :accountId";

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private static final RowMapper<KeyedDigest> DIGEST = (rs, row) -> digest(rs);

    private static final ResultSetExtractor<Optional<BackupCodeSet>> CURRENT_SET = rs -> {
        UUID setId = null;
        UUID accountId = null;
        Instant createdAt = null;
        List<StoredBackupCode> codes = new ArrayList<>();
        while (rs.next()) {
            UUID rowSet = rs.getObject("set_id", UUID.class);
            if (setId == null) {
                setId = rowSet;
                accountId = rs.getObject("account_id", UUID.class);
                createdAt = Timestamps.read(rs, "set_created_at");
            } else if (!setId.equals(rowSet)) {
                throw new IllegalStateException("account has more than one current backup code set");
            }
            UUID codeId = rs.getObject("id", UUID.class);
            if (codeId != null) {
                codes.add(new StoredBackupCode(codeId, rs.getInt("position"), digest(rs), rs.getString("sealed"),
                        Timestamps.read(rs, "used_at")));
            }
        }
        return setId == null
                ? Optional.empty()
                : Optional.of(new BackupCodeSet(setId, new AccountId(accountId), createdAt, codes));
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AccountLock accountLock;

    public JdbcBackupCodeRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.accountLock = new AccountLock(jdbc);
    }

    @Override
    public void replace(BackupCodeSet set) {
        Objects.requireNonNull(set, "set");
        SqlErrors.conflictOnDuplicate("backup code set or code id already exists", () -> transaction.executeWithoutResult(tx -> {
            // The lock keeps two concurrent replacements from both finding no current set and leaving two.
            accountLock.lock(set.accountId());
            jdbc.sql(MARK_REPLACED)
                    .param("accountId", set.accountId().value())
                    .param("replacedAt", Timestamps.param(set.createdAt()))
                    .update();
            jdbc.sql(INSERT_SET)
                    .param("id", set.id())
                    .param("accountId", set.accountId().value())
                    .param("createdAt", Timestamps.param(set.createdAt()))
                    .update();
            for (StoredBackupCode code : set.codes()) {
                jdbc.sql(INSERT_CODE)
                        .param("id", code.id())
                        .param("setId", set.id())
                        .param("position", code.position())
                        .param("keyId", code.digest().keyId())
                        .param("salt", BASE64.encodeToString(code.digest().salt()))
                        .param("digest", BASE64.encodeToString(code.digest().digest()))
                        .param("sealed", code.sealed())
                        .param("usedAt", Timestamps.param(code.usedAt()))
                        .update();
            }
        }));
    }

    @Override
    public Optional<BackupCodeSet> findCurrent(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(FIND_CURRENT)
                .param("accountId", accountId.value())
                .query(CURRENT_SET);
    }

    @Override
    public List<KeyedDigest> findReplacedDigests(AccountId accountId, int maxSets) {
        Objects.requireNonNull(accountId, "accountId");
        if (maxSets < 0) {
            throw new IllegalArgumentException("maxSets must not be negative, was " + maxSets);
        }
        return jdbc.sql(FIND_REPLACED_DIGESTS)
                .param("accountId", accountId.value())
                .param("maxSets", maxSets)
                .query(DIGEST)
                .list();
    }

    @Override
    public boolean consume(UUID codeId, Instant usedAt) {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(usedAt, "usedAt");
        return jdbc.sql(CONSUME).param("id", codeId).param("usedAt", Timestamps.param(usedAt)).update() == 1;
    }

    @Override
    public int countUnused(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(COUNT_UNUSED).param("accountId", accountId.value()).query(Long.class).single().intValue();
    }

    @Override
    public void deleteAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        transaction.executeWithoutResult(tx -> {
            accountLock.lock(accountId);
            jdbc.sql(DELETE_ALL).param("accountId", accountId.value()).update();
        });
    }

    private static KeyedDigest digest(ResultSet rs) throws SQLException {
        Base64.Decoder decoder = Base64.getDecoder();
        return new KeyedDigest(rs.getString("key_id"), decoder.decode(rs.getString("salt")),
                decoder.decode(rs.getString("digest")));
    }
}
