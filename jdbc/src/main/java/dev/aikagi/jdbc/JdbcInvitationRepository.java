package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.admin.InvitationRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link InvitationRepository} on the {@code invitation} table (issue 18). */
public final class JdbcInvitationRepository implements InvitationRepository {

    private static final String INSERT = """
            insert into invitation (token_hash, account_id, created_at, expires_at, used_at)
            values (:tokenHash, :accountId, :createdAt, :expiresAt, null)""";
    private static final String FIND = """
            select account_id from invitation
            where token_hash = :tokenHash and used_at is null and expires_at > :now""";
    /** Use once (docs/STYLE.md rule 10): one conditional write, decided by its row count. */
    private static final String USE = """
            update invitation set used_at = :now
            where token_hash = :tokenHash and used_at is null and expires_at > :now""";
    private static final String REVOKE = "delete from invitation where account_id = :accountId and used_at is null";

    private final JdbcClient jdbc;

    public JdbcInvitationRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void create(String tokenHash, AccountId accountId, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(accountId, "accountId");
        SqlErrors.conflictOnDuplicate("invitation already exists", () -> jdbc.sql(INSERT)
                .param("tokenHash", tokenHash)
                .param("accountId", accountId.value())
                .param("createdAt", Timestamps.param(Objects.requireNonNull(createdAt, "createdAt")))
                .param("expiresAt", Timestamps.param(Objects.requireNonNull(expiresAt, "expiresAt")))
                .update());
    }

    @Override
    public Optional<AccountId> findUsable(String tokenHash, Instant now) {
        return jdbc.sql(FIND).param("tokenHash", Objects.requireNonNull(tokenHash, "tokenHash"))
                .param("now", Timestamps.param(Objects.requireNonNull(now, "now")))
                .query(UUID.class).optional().map(AccountId::new);
    }

    @Override
    public boolean use(String tokenHash, Instant now) {
        return jdbc.sql(USE).param("tokenHash", Objects.requireNonNull(tokenHash, "tokenHash"))
                .param("now", Timestamps.param(Objects.requireNonNull(now, "now"))).update() == 1;
    }

    @Override
    public int revokeAll(AccountId accountId) {
        return jdbc.sql(REVOKE).param("accountId", Objects.requireNonNull(accountId, "accountId").value()).update();
    }
}
