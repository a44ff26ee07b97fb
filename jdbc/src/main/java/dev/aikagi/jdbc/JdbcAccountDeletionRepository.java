package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountDeletionRepository;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.PendingDeletion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link AccountDeletionRepository} on the {@code account_deletion} table. */
public final class JdbcAccountDeletionRepository implements AccountDeletionRepository {

    private static final String INSERT = """
            insert into account_deletion (account_id, requested_at, due_at, cancel_token_hash)
            values (:accountId, :requestedAt, :dueAt, :tokenHash)""";
    private static final String FIND = """
            select account_id, requested_at, due_at, cancel_token_hash from account_deletion
            where account_id = :accountId""";
    private static final String OWNER = "select account_id from account_deletion where cancel_token_hash = :tokenHash";
    /** Use once (docs/STYLE.md rule 10): one conditional delete, decided by its row count. */
    private static final String CANCEL_BY_TOKEN = """
            delete from account_deletion
            where cancel_token_hash = :tokenHash and account_id = :accountId and due_at > :now""";
    private static final String CANCEL = "delete from account_deletion where account_id = :accountId";
    private static final String DUE = """
            select account_id from account_deletion where due_at <= :now order by due_at, account_id limit :limit""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public JdbcAccountDeletionRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public boolean schedule(PendingDeletion deletion) {
        Objects.requireNonNull(deletion, "deletion");
        try {
            jdbc.sql(INSERT)
                    .param("accountId", deletion.accountId().value())
                    .param("requestedAt", Timestamps.param(deletion.requestedAt()))
                    .param("dueAt", Timestamps.param(deletion.dueAt()))
                    .param("tokenHash", deletion.cancelTokenHash())
                    .update();
            return true;
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<PendingDeletion> find(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(FIND).param("accountId", accountId.value())
                .query((rs, n) -> new PendingDeletion(new AccountId(rs.getObject("account_id", UUID.class)),
                        Timestamps.read(rs, "requested_at"), Timestamps.read(rs, "due_at"),
                        rs.getString("cancel_token_hash")))
                .optional();
    }

    @Override
    public Optional<AccountId> cancelByToken(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        return transaction.execute(tx -> {
            Optional<UUID> owner = jdbc.sql(OWNER).param("tokenHash", tokenHash).query(UUID.class).optional();
            if (owner.isEmpty()) {
                return Optional.<AccountId>empty();
            }
            int deleted = jdbc.sql(CANCEL_BY_TOKEN).param("tokenHash", tokenHash).param("accountId", owner.get())
                    .param("now", Timestamps.param(now)).update();
            return deleted == 1 ? owner.map(AccountId::new) : Optional.<AccountId>empty();
        });
    }

    @Override
    public boolean cancel(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.sql(CANCEL).param("accountId", accountId.value()).update() == 1;
    }

    @Override
    public List<AccountId> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        return jdbc.sql(DUE).param("now", Timestamps.param(now)).param("limit", limit)
                .query(UUID.class).list().stream().map(AccountId::new).toList();
    }
}
