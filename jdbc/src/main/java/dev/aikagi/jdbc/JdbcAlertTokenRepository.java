package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.notify.AlertTokenRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link AlertTokenRepository} on the {@code alert_token} table. */
public final class JdbcAlertTokenRepository implements AlertTokenRepository {

    private static final String INSERT = """
            insert into alert_token (token_hash, account_id, event, created_at, expires_at, used_at)
            values (:tokenHash, :accountId, :event, :createdAt, :expiresAt, null)""";
    /** Use once (docs/STYLE.md rule 10): one conditional write, decided by its row count. */
    private static final String USE = """
            update alert_token set used_at = :now
            where token_hash = :tokenHash and used_at is null and expires_at > :now""";
    private static final String OWNER = "select account_id from alert_token where token_hash = :tokenHash";
    private static final String DELETE_EXPIRED = "delete from alert_token where expires_at < :before";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public JdbcAlertTokenRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void create(String tokenHash, AccountId accountId, String event, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        SqlErrors.conflictOnDuplicate("alert token already exists", () -> jdbc.sql(INSERT)
                .param("tokenHash", tokenHash)
                .param("accountId", accountId.value())
                .param("event", event)
                .param("createdAt", Timestamps.param(createdAt))
                .param("expiresAt", Timestamps.param(expiresAt))
                .update());
    }

    @Override
    public Optional<AccountId> use(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        // The read shares the update's transaction: the winner holds the row lock, so a clean-up job cannot
        // delete the row between the two statements and lose the account of a link that was just used.
        return transaction.execute(tx -> {
            int used = jdbc.sql(USE).param("tokenHash", tokenHash).param("now", Timestamps.param(now)).update();
            if (used == 0) {
                return Optional.<AccountId>empty();
            }
            return jdbc.sql(OWNER).param("tokenHash", tokenHash).query(UUID.class).optional().map(AccountId::new);
        });
    }

    @Override
    public int deleteExpiredBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.sql(DELETE_EXPIRED).param("before", Timestamps.param(before)).update();
    }
}
