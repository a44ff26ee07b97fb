package dev.aikagi.jdbc;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.RoleListings;
import dev.aikagi.core.role.RoleRepository;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link RoleRepository} on {@code account_role} and {@link RoleListings} on {@code role_listing} (V13). */
public final class JdbcRoleRepository implements RoleRepository, RoleListings {

    // Insert-if-absent in one statement: two nodes applying the configuration at once both succeed, one inserts.
    private static final String GRANT = """
            insert into account_role (account_id, role, granted_by, granted_at)
            select :account, :role, :source, :at from account
            where id = :account
              and not exists (select 1 from account_role where account_id = :account and role = :role)""";
    private static final String TAKE_OVER = """
            update account_role set granted_by = 'command'
            where account_id = :account and role = :role and granted_by <> 'command'""";
    private static final String REVOKE = "delete from account_role where account_id = :account and role = :role";
    private static final String HOLDS = "select count(*) from account_role where account_id = :account and role = :role";
    private static final String BY_CONFIGURATION =
            "select account_id from account_role where role = :role and granted_by = 'configuration' order by granted_at";

    // A name already listed keeps its first binding: the primary key refuses the second insert.
    private static final String BIND = """
            insert into role_listing (role, username, account_id, first_listed_at)
            values (:role, :username, cast(:account as uuid), :at)""";
    private static final String LISTING = "select role, username, account_id from role_listing where role = :role";
    private static final String FIND_LISTING = LISTING + " and username = :username";
    private static final String FORGET = "delete from role_listing where role = :role and username = :username";

    private static final RowMapper<Listing> LISTING_ROW = (rs, row) -> new Listing(
            Role.parse(rs.getString("role")).orElseThrow(() -> new IllegalStateException("unknown role in role_listing")),
            rs.getString("username"),
            Optional.ofNullable(rs.getObject("account_id", UUID.class)).map(AccountId::new));

    private final JdbcClient jdbc;

    public JdbcRoleRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public boolean grant(AccountId account, Role role, Source source, Instant at) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        int inserted;
        try {
            inserted = SqlErrors.conflictOnDuplicate("role already held", () -> jdbc.sql(GRANT)
                    .param("account", account.value()).param("role", role.value())
                    .param("source", source.name().toLowerCase(Locale.ROOT)).param("at", Timestamps.param(at))
                    .update());
        } catch (Conflict raced) {
            inserted = 0; // granted by another node a moment ago
        }
        if (inserted == 0 && source == Source.COMMAND) {
            jdbc.sql(TAKE_OVER).param("account", account.value()).param("role", role.value()).update();
        }
        return inserted == 1;
    }

    @Override
    public boolean revoke(AccountId account, Role role) {
        return jdbc.sql(REVOKE).param("account", Objects.requireNonNull(account, "account").value())
                .param("role", Objects.requireNonNull(role, "role").value()).update() == 1;
    }

    @Override
    public boolean holds(AccountId account, Role role) {
        return jdbc.sql(HOLDS).param("account", Objects.requireNonNull(account, "account").value())
                .param("role", Objects.requireNonNull(role, "role").value()).query(Long.class).single() > 0;
    }

    @Override
    public List<AccountId> grantedByConfiguration(Role role) {
        return jdbc.sql(BY_CONFIGURATION).param("role", Objects.requireNonNull(role, "role").value())
                .query((rs, row) -> new AccountId(rs.getObject("account_id", UUID.class))).list();
    }

    @Override
    public Listing bind(Role role, String username, Optional<AccountId> account, Instant at) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(account, "account");
        try {
            SqlErrors.conflictOnDuplicate("name already listed", () -> jdbc.sql(BIND)
                    .param("role", role.value()).param("username", username)
                    .param("account", account.map(AccountId::value).orElse(null))
                    .param("at", Timestamps.param(Objects.requireNonNull(at, "at")))
                    .update());
        } catch (Conflict listedBefore) {
            // listed at an earlier start (or by another node a moment ago): that binding stands
        }
        return jdbc.sql(FIND_LISTING).param("role", role.value()).param("username", username)
                .query(LISTING_ROW).single();
    }

    @Override
    public List<Listing> listings(Role role) {
        return jdbc.sql(LISTING).param("role", Objects.requireNonNull(role, "role").value()).query(LISTING_ROW).list();
    }

    @Override
    public void forget(Role role, String username) {
        jdbc.sql(FORGET).param("role", Objects.requireNonNull(role, "role").value())
                .param("username", Objects.requireNonNull(username, "username")).update();
    }
}
