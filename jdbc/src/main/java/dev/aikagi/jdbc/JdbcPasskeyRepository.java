package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.PasskeyRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link PasskeyRepository} on the {@code passkey} and {@code passkey_user} tables (issue 17). */
public final class JdbcPasskeyRepository implements PasskeyRepository {

    /**
     * Only if the credential is new, decided in the statement: a unique violation inside the caller's transaction
     * would end it on PostgreSQL, and the refusal is audited in that transaction.
     */
    private static final String INSERT = """
            insert into passkey (id, account_id, credential_id, public_key, sign_count, name, created_at, last_used_at)
            select :id, :accountId, :credentialId, :publicKey, :signCount, :name, :createdAt, :lastUsedAt
            where not exists (select 1 from passkey where credential_id = :credentialId)""";
    private static final String SELECT = """
            select id, account_id, credential_id, public_key, sign_count, name, created_at, last_used_at from passkey
            """;
    private static final String LIST = SELECT + "where account_id = :accountId order by created_at, id";
    private static final String FIND_BY_CREDENTIAL = SELECT + "where credential_id = :credentialId";
    /** WebAuthn §6.1.1: the counter moves forward from the value read, once; a racing copy loses. */
    private static final String RECORD_USE = """
            update passkey set sign_count = :newCount, last_used_at = :at
            where id = :id and sign_count = :expectedCount""";
    private static final String DELETE = "delete from passkey where id = :id and account_id = :accountId";
    private static final String DELETE_ALL = "delete from passkey where account_id = :accountId";
    private static final String FIND_HANDLE = "select user_handle from passkey_user where account_id = :accountId";
    private static final String INSERT_HANDLE = """
            insert into passkey_user (account_id, user_handle) select :accountId, :userHandle
            where not exists (select 1 from passkey_user where account_id = :accountId)""";
    private static final String FIND_BY_HANDLE = "select account_id from passkey_user where user_handle = :userHandle";

    private static final RowMapper<Passkey> PASSKEY = (rs, row) -> new Passkey(
            rs.getObject("id", UUID.class),
            new AccountId(rs.getObject("account_id", UUID.class)),
            rs.getString("credential_id"),
            rs.getString("public_key"),
            rs.getLong("sign_count"),
            rs.getString("name"),
            Timestamps.read(rs, "created_at"),
            Optional.ofNullable(Timestamps.read(rs, "last_used_at")));

    private final JdbcClient jdbc;

    public JdbcPasskeyRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public boolean create(Passkey passkey) {
        Objects.requireNonNull(passkey, "passkey");
        try {
            return jdbc.sql(INSERT)
                    .param("id", passkey.id())
                    .param("accountId", passkey.accountId().value())
                    .param("credentialId", passkey.credentialId())
                    .param("publicKey", passkey.publicKey())
                    .param("signCount", passkey.signCount())
                    .param("name", passkey.name())
                    .param("createdAt", Timestamps.param(passkey.createdAt()))
                    .param("lastUsedAt", Timestamps.param(passkey.lastUsedAt().orElse(null)))
                    .update() == 1;
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Passkey> list(AccountId accountId) {
        return jdbc.sql(LIST).param("accountId", accountId.value()).query(PASSKEY).list();
    }

    @Override
    public Optional<Passkey> findByCredentialId(String credentialId) {
        return jdbc.sql(FIND_BY_CREDENTIAL).param("credentialId", credentialId).query(PASSKEY).optional();
    }

    @Override
    public boolean recordUse(UUID id, long expectedCount, long newCount, Instant at) {
        return jdbc.sql(RECORD_USE).param("id", id).param("expectedCount", expectedCount).param("newCount", newCount)
                .param("at", Timestamps.param(at)).update() == 1;
    }

    @Override
    public boolean delete(AccountId accountId, UUID id) {
        return jdbc.sql(DELETE).param("id", id).param("accountId", accountId.value()).update() == 1;
    }

    @Override
    public int deleteAll(AccountId accountId) {
        return jdbc.sql(DELETE_ALL).param("accountId", accountId.value()).update();
    }

    @Override
    public String userHandle(AccountId accountId, String candidate) {
        Optional<String> stored = jdbc.sql(FIND_HANDLE).param("accountId", accountId.value()).query(String.class).optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        try {
            jdbc.sql(INSERT_HANDLE).param("accountId", accountId.value()).param("userHandle", candidate).update();
            return jdbc.sql(FIND_HANDLE).param("accountId", accountId.value()).query(String.class).single();
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                // Another request stored the account's first handle at the same moment: that one is the handle.
                return jdbc.sql(FIND_HANDLE).param("accountId", accountId.value()).query(String.class).single();
            }
            throw e;
        }
    }

    @Override
    public Optional<AccountId> findByUserHandle(String userHandle) {
        return jdbc.sql(FIND_BY_HANDLE).param("userHandle", userHandle).query(UUID.class).optional().map(AccountId::new);
    }
}
