package dev.aikagi.jdbc;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.factor.password.PasswordHash;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link AccountRepository} on the {@code account} table. */
public final class JdbcAccountRepository implements AccountRepository {

    private static final String INSERT = """
            insert into account (id, username, password_hash, created_at)
            values (:id, :username, :passwordHash, :createdAt)""";
    private static final String SELECT = "select id, username, password_hash, created_at from account ";
    private static final String FIND_BY_ID = SELECT + "where id = :id";
    private static final String FIND_BY_USERNAME = SELECT + "where username = :username";
    private static final String UPDATE_PASSWORD_HASH = "update account set password_hash = :passwordHash where id = :id";

    private static final RowMapper<Account> ACCOUNT = (rs, row) -> new Account(
            new AccountId(rs.getObject("id", UUID.class)),
            rs.getString("username"),
            new PasswordHash(rs.getString("password_hash")),
            Timestamps.read(rs, "created_at"));

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
    public void updatePasswordHash(AccountId id, PasswordHash hash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        jdbc.sql(UPDATE_PASSWORD_HASH).param("id", id.value()).param("passwordHash", hash.encoded()).update();
    }
}
