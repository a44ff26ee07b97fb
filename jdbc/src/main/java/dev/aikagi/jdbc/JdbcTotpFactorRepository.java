package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.totp.TotpAlgorithm;
import dev.aikagi.core.factor.totp.TotpFactor;
import dev.aikagi.core.factor.totp.TotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpParameters;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link TotpFactorRepository} on the {@code totp_factor} table. */
public final class JdbcTotpFactorRepository implements TotpFactorRepository {

    private static final String INSERT = """
            insert into totp_factor (id, account_id, sealed_secret, algorithm, digits, period_seconds, last_step,
                                     created_at, confirmed_at, name)
            values (:id, :accountId, :sealedSecret, :algorithm, :digits, :periodSeconds, :lastStep, :createdAt, null,
                    :name)""";
    private static final String DELETE_PENDING =
            "delete from totp_factor where account_id = :accountId and confirmed_at is null";
    private static final String SELECT = """
            select id, account_id, sealed_secret, algorithm, digits, period_seconds, last_step, created_at, confirmed_at,
                   name, last_used_at
            from totp_factor
            """;
    private static final String FIND_CONFIRMED = SELECT
            + "where account_id = :accountId and confirmed_at is not null order by confirmed_at, created_at, id";
    private static final String FIND_PENDING = SELECT + "where account_id = :accountId and confirmed_at is null";
    private static final String FIND_PENDING_OWNER =
            "select account_id from totp_factor where id = :id and confirmed_at is null";
    private static final String CONFIRM = """
            update totp_factor set confirmed_at = :confirmedAt, last_step = :step
            where id = :id and confirmed_at is null""";
    /** RFC 6238 §5.2: one conditional write, so of concurrent requests with the same step only one wins. */
    private static final String RECORD_STEP = """
            update totp_factor set last_step = :step, last_used_at = :usedAt
            where id = :id and last_step < :step and confirmed_at is not null""";
    private static final String RENAME = "update totp_factor set name = :name where id = :id and account_id = :accountId";
    private static final String DELETE_ONE =
            "delete from totp_factor where id = :id and account_id = :accountId and confirmed_at is not null";
    private static final String DELETE_ALL = "delete from totp_factor where account_id = :accountId";

    private static final RowMapper<TotpFactor> FACTOR = (rs, row) -> new TotpFactor(
            rs.getObject("id", UUID.class),
            new AccountId(rs.getObject("account_id", UUID.class)),
            rs.getString("sealed_secret"),
            new TotpParameters(TotpAlgorithm.valueOf(rs.getString("algorithm")), rs.getInt("digits"),
                    rs.getInt("period_seconds")),
            rs.getLong("last_step"),
            Timestamps.read(rs, "created_at"),
            Timestamps.read(rs, "confirmed_at"),
            rs.getString("name"),
            Timestamps.read(rs, "last_used_at"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AccountLock accountLock;

    public JdbcTotpFactorRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.accountLock = new AccountLock(jdbc);
    }

    @Override
    public void createPending(TotpFactor factor) {
        Objects.requireNonNull(factor, "factor");
        if (factor.isConfirmed()) {
            throw new IllegalArgumentException("a new factor must be pending");
        }
        SqlErrors.conflictOnDuplicate("TOTP factor id already exists", () -> transaction.executeWithoutResult(tx -> {
            accountLock.lock(factor.accountId());
            jdbc.sql(DELETE_PENDING).param("accountId", factor.accountId().value()).update();
            jdbc.sql(INSERT)
                    .param("id", factor.id())
                    .param("accountId", factor.accountId().value())
                    .param("sealedSecret", factor.sealedSecret())
                    .param("algorithm", factor.parameters().algorithm().name())
                    .param("digits", factor.parameters().digits())
                    .param("periodSeconds", factor.parameters().periodSeconds())
                    .param("lastStep", factor.lastAcceptedStep())
                    .param("createdAt", Timestamps.param(factor.createdAt()))
                    .param("name", factor.name())
                    .update();
        }));
    }

    @Override
    public List<TotpFactor> findAllConfirmed(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(FIND_CONFIRMED).param("accountId", accountId.value()).query(FACTOR).list();
    }

    @Override
    public Optional<TotpFactor> findPending(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(FIND_PENDING).param("accountId", accountId.value()).query(FACTOR).optional();
    }

    @Override
    public boolean confirm(UUID factorId, long acceptedStep, Instant confirmedAt) {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            Optional<UUID> owner = jdbc.sql(FIND_PENDING_OWNER).param("id", factorId).query((rs, row) -> rs.getObject("account_id", UUID.class)).optional();
            if (owner.isEmpty()) {
                return false;
            }
            accountLock.lock(new AccountId(owner.get()));
            // Still conditional: another request may have confirmed or replaced the factor before the lock.
            int confirmed = jdbc.sql(CONFIRM)
                    .param("id", factorId)
                    .param("step", acceptedStep)
                    .param("confirmedAt", Timestamps.param(confirmedAt))
                    .update();
            return confirmed == 1;
        }));
    }

    @Override
    public boolean recordAcceptedStep(UUID factorId, long step, Instant usedAt) {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(usedAt, "usedAt");
        return jdbc.sql(RECORD_STEP).param("id", factorId).param("step", step)
                .param("usedAt", Timestamps.param(usedAt)).update() == 1;
    }

    @Override
    public boolean rename(AccountId accountId, UUID factorId, String name) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(name, "name");
        return jdbc.sql(RENAME).param("id", factorId).param("accountId", accountId.value()).param("name", name)
                .update() == 1;
    }

    @Override
    public boolean delete(AccountId accountId, UUID factorId) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(factorId, "factorId");
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            accountLock.lock(accountId);
            return jdbc.sql(DELETE_ONE).param("id", factorId).param("accountId", accountId.value()).update() == 1;
        }));
    }

    @Override
    public void deleteAll(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        transaction.executeWithoutResult(tx -> {
            accountLock.lock(accountId);
            jdbc.sql(DELETE_ALL).param("accountId", accountId.value()).update();
        });
    }
}
