package dev.aikagi.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every column that holds a value sealed with {@code SecretCipher} ({@code keyId:base64}), for re-sealing
 * them under a new key: find the values not yet under a key id, batch by batch in id order, and replace one
 * only if it is still what was read. That conditional write makes re-sealing safe while the nodes keep
 * serving (a value changed or deleted meanwhile is left alone) and safe to run again.
 */
public final class JdbcSealedSecrets {

    /** The sealed columns. Their SQL names are constants, never input. */
    public enum Column {
        TOTP_SECRET("totp_factor", "sealed_secret"),
        BACKUP_CODE("backup_code", "sealed"),
        MESSAGE_BODY("message_queue", "sealed_body"),
        SUPPORT_EVIDENCE("support_evidence", "sealed");

        private final String table;
        private final String column;

        Column(String table, String column) {
            this.table = table;
            this.column = column;
        }

        public String table() {
            return table;
        }

        private String select(boolean after) {
            // left(...) rather than LIKE: key ids may hold '_', which LIKE reads as a wildcard.
            return "select id, " + column + " as sealed from " + table + " where " + column + " is not null and left("
                    + column + ", :prefixLength) <> :prefix" + (after ? " and id > :after" : "")
                    + " order by id limit :limit";
        }

        private String replace() {
            return "update " + table + " set " + column + " = :replacement where id = :id and " + column + " = :expected";
        }
    }

    /** One sealed value and the id of its row. */
    public record Sealed(UUID id, String value) {
        public Sealed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Sealed[" + id + "]";
        }
    }

    private static final RowMapper<Sealed> SEALED = (rs, row) -> new Sealed(rs.getObject("id", UUID.class),
            rs.getString("sealed"));

    private final JdbcClient jdbc;

    public JdbcSealedSecrets(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Up to {@code limit} values of {@code column} not sealed under {@code keyId}, in id order, after the row
     * {@code after} (from the first row when empty).
     */
    public List<Sealed> notUnder(Column column, String keyId, Optional<UUID> after, int limit) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(after, "after");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        String prefix = keyId + ":";
        JdbcClient.StatementSpec query = jdbc.sql(column.select(after.isPresent()))
                .param("prefixLength", prefix.length())
                .param("prefix", prefix)
                .param("limit", limit);
        if (after.isPresent()) {
            query = query.param("after", after.get());
        }
        return query.query(SEALED).list();
    }

    /** Replaces the value of row {@code id} if it is still {@code expected}; whether it was replaced. */
    public boolean replace(Column column, UUID id, String expected, String replacement) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        return jdbc.sql(column.replace()).param("replacement", replacement).param("id", id)
                .param("expected", expected).update() == 1;
    }

    /** How many values of {@code column} are not sealed under {@code keyId}. */
    public long countNotUnder(Column column, String keyId) {
        Objects.requireNonNull(column, "column");
        String prefix = Objects.requireNonNull(keyId, "keyId") + ":";
        return jdbc.sql("select count(*) from " + column.table + " where " + column.column + " is not null and left("
                        + column.column + ", :prefixLength) <> :prefix")
                .param("prefixLength", prefix.length()).param("prefix", prefix).query(Long.class).single();
    }
}
