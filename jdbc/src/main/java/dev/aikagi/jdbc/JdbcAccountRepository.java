package dev.aikagi.jdbc;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.factor.password.PasswordHash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link AccountRepository} on the {@code account} table. */
public final class JdbcAccountRepository implements AccountRepository {

    // username_skeleton_claim is unique: a look-alike of a taken name fails like the same name (issue 14).
    private static final String INSERT = """
            insert into account (id, username, password_hash, created_at, username_skeleton, username_skeleton_claim)
            values (:id, :username, :passwordHash, :createdAt, :skeleton, :skeleton)""";
    private static final String SELECT = "select id, username, password_hash, created_at, disabled_at from account ";
    private static final String FIND_BY_ID = SELECT + "where id = :id";
    private static final String FIND_BY_USERNAME = SELECT + "where username = :username";
    private static final String FIND_BY_SKELETON = SELECT + "where username_skeleton = :skeleton order by created_at, id";
    private static final String WITHOUT_SKELETON =
            "select id, username from account where username_skeleton is null order by created_at, id";
    private static final String SET_SKELETON =
            "update account set username_skeleton = :skeleton where id = :id and username_skeleton is null";
    // The oldest account of a group of look-alikes made before V13 claims the skeleton; the others keep a null
    // claim (their names stay theirs). The unique index settles two nodes filling at once.
    private static final String CLAIM_SKELETON = """
            update account set username_skeleton_claim = :skeleton
            where id = :id and username_skeleton_claim is null
              and not exists (select 1 from account a where a.username_skeleton_claim = :skeleton)""";
    private static final String UPDATE_PASSWORD_HASH = "update account set password_hash = :passwordHash where id = :id";
    private static final String LIST_FIRST = SELECT + "order by id limit :limit";
    private static final String LIST_AFTER = SELECT + "where id > :after order by id limit :limit";
    private static final String DISABLE = "update account set disabled_at = :at where id = :id and disabled_at is null";
    private static final String ENABLE = "update account set disabled_at = null where id = :id and disabled_at is not null";

    private static final RowMapper<Account> ACCOUNT = (rs, row) -> new Account(
            new AccountId(rs.getObject("id", UUID.class)),
            rs.getString("username"),
            new PasswordHash(rs.getString("password_hash")),
            Timestamps.read(rs, "created_at"),
            rs.getObject("disabled_at") == null ? null : Timestamps.read(rs, "disabled_at"));

    private final JdbcClient jdbc;

    public JdbcAccountRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void create(Account account) {
        Objects.requireNonNull(account, "account");
        // The same Conflict for a taken username and a taken id: callers treat both as "try another".
        SqlErrors.conflictOnDuplicate("account id or username already exists", () -> jdbc.sql(INSERT)
                .param("id", account.id().value())
                .param("username", account.username())
                .param("passwordHash", account.passwordHash().encoded())
                .param("createdAt", Timestamps.param(account.createdAt()))
                .param("skeleton", Username.skeleton(account.username()))
                .update());
    }

    @Override
    public Optional<Account> findById(AccountId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.sql(FIND_BY_ID).param("id", id.value()).query(ACCOUNT).optional();
    }

    @Override
    public Optional<Account> findByUsername(String canonicalUsername) {
        Objects.requireNonNull(canonicalUsername, "canonicalUsername");
        return jdbc.sql(FIND_BY_USERNAME).param("username", canonicalUsername).query(ACCOUNT).optional();
    }

    @Override
    public List<Account> findBySkeleton(String skeleton) {
        Objects.requireNonNull(skeleton, "skeleton");
        return jdbc.sql(FIND_BY_SKELETON).param("skeleton", skeleton).query(ACCOUNT).list();
    }

    /**
     * Computes the skeleton of every account stored without one (made before V13, or by a node of an older
     * version during a rolling upgrade), oldest first, and lets each claim it unless an older account
     * already has. Run at start-up, before the node serves; returns how many accounts got a skeleton.
     */
    public int fillSkeletons() {
        int filled = 0;
        for (var row : jdbc.sql(WITHOUT_SKELETON).query().listOfRows()) {
            Object id = row.get("id");
            String skeleton = Username.skeleton((String) row.get("username"));
            // The claim first: an account that has its skeleton is never visited again.
            try {
                SqlErrors.conflictOnDuplicate("skeleton claimed", () -> jdbc.sql(CLAIM_SKELETON)
                        .param("id", id).param("skeleton", skeleton).update());
            } catch (Conflict olderLookalike) {
                // Another node claimed it for an older account a moment ago: this one keeps a null claim.
            }
            filled += jdbc.sql(SET_SKELETON).param("id", id).param("skeleton", skeleton).update();
        }
        return filled;
    }

    @Override
    public void updatePasswordHash(AccountId id, PasswordHash hash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        jdbc.sql(UPDATE_PASSWORD_HASH).param("id", id.value()).param("passwordHash", hash.encoded()).update();
    }

    @Override
    public boolean disable(AccountId id, java.time.Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        return jdbc.sql(DISABLE).param("id", id.value()).param("at", Timestamps.param(at)).update() == 1;
    }

    @Override
    public boolean enable(AccountId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.sql(ENABLE).param("id", id.value()).update() == 1;
    }

    @Override
    public List<Account> list(Optional<AccountId> after, int limit) {
        Objects.requireNonNull(after, "after");
        return after.isEmpty() ? jdbc.sql(LIST_FIRST).param("limit", limit).query(ACCOUNT).list()
                : jdbc.sql(LIST_AFTER).param("after", after.get().value()).param("limit", limit).query(ACCOUNT).list();
    }
}
