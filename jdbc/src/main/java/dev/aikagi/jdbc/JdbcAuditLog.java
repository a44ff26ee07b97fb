package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditQuery;
import dev.aikagi.core.audit.AuditType;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link AuditLog} on the {@code audit_event} table. Details are a JSON object of strings, so operators
 * can read them and PostgreSQL can query them ({@code details::json ->> 'method'}). It is written here by
 * hand, to keep this module free of a JSON library, and in plain ASCII: every character outside printable
 * ASCII is a {@code \}{@code uXXXX} escape, so any Java string, even NUL or a lone surrogate that PostgreSQL
 * text cannot hold, comes back exactly.
 */
public final class JdbcAuditLog implements AuditLog {

    /** The column sizes of V3; longer values are refused here rather than truncated or failed by the driver. */
    static final int MAX_CLIENT_ADDRESS = 64;
    static final int MAX_DETAILS = 4000;

    private static final String INSERT = """
            insert into audit_event (id, at, type, account_id, client_address, details)
            values (:id, :at, :type, :accountId, :clientAddress, :details)""";
    private static final String RECENT = """
            select id, at, type, account_id, client_address, details
            from audit_event
            where account_id = :accountId
            order by at desc, id
            limit :limit""";

    /** The search is these fixed fragments, joined as the query asks: no input ever becomes SQL. */
    private static final String SEARCH = "select id, at, type, account_id, client_address, details from audit_event"
            + " where 1 = 1";
    private static final String BY_ACCOUNT = " and account_id = :accountId";
    private static final String BY_TYPES = " and type in (:types)";
    private static final String FROM = " and at >= :from";
    private static final String UNTIL = " and at < :until";
    private static final String NEWEST_FIRST = " order by at desc, id limit :limit";

    private static final RowMapper<AuditEvent> EVENT = (rs, row) -> {
        UUID accountId = rs.getObject("account_id", UUID.class);
        return new AuditEvent(
                rs.getObject("id", UUID.class),
                Timestamps.read(rs, "at"),
                AuditType.valueOf(rs.getString("type")),
                accountId == null ? null : new AccountId(accountId),
                rs.getString("client_address"),
                Details.decode(rs.getString("details")));
    };

    private final JdbcClient jdbc;

    public JdbcAuditLog(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** @throws IllegalArgumentException if the client address or the encoded details do not fit their columns */
    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.clientAddress() != null && event.clientAddress().length() > MAX_CLIENT_ADDRESS) {
            throw new IllegalArgumentException("client address longer than " + MAX_CLIENT_ADDRESS + " characters");
        }
        String details = Details.encode(event.details());
        if (details.length() > MAX_DETAILS) {
            throw new IllegalArgumentException("details longer than " + MAX_DETAILS + " characters once encoded");
        }
        SqlErrors.conflictOnDuplicate("audit event id already exists", () -> jdbc.sql(INSERT)
                .param("id", event.id())
                .param("at", Timestamps.param(event.at()))
                .param("type", event.type().name())
                .param("accountId", event.accountId() == null ? null : event.accountId().value())
                .param("clientAddress", event.clientAddress())
                .param("details", details)
                .update());
    }

    @Override
    public List<AuditEvent> recent(AccountId accountId, int limit) {
        Objects.requireNonNull(accountId, "accountId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return jdbc.sql(RECENT).param("accountId", accountId.value()).param("limit", limit).query(EVENT).list();
    }

    @Override
    public List<AuditEvent> search(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder(SEARCH);
        Map<String, Object> params = new java.util.HashMap<>();
        query.account().ifPresent(a -> {
            sql.append(BY_ACCOUNT);
            params.put("accountId", a.value());
        });
        if (!query.types().isEmpty()) {
            sql.append(BY_TYPES);
            params.put("types", query.types().stream().map(AuditType::name).sorted().toList());
        }
        query.from().ifPresent(f -> {
            sql.append(FROM);
            params.put("from", Timestamps.param(f));
        });
        query.until().ifPresent(u -> {
            sql.append(UNTIL);
            params.put("until", Timestamps.param(u));
        });
        sql.append(NEWEST_FIRST);
        params.put("limit", query.limit());
        return jdbc.sql(sql.toString()).params(params).query(EVENT).list();
    }

    /** The JSON object {@code {"key":"value",...}}, keys sorted; reads back only what {@link #encode} writes. */
    static final class Details {

        private Details() {
        }

        static String encode(Map<String, String> details) {
            StringBuilder json = new StringBuilder("{");
            for (Map.Entry<String, String> entry : new TreeMap<>(details).entrySet()) {
                if (json.length() > 1) {
                    json.append(',');
                }
                string(json, entry.getKey());
                json.append(':');
                string(json, entry.getValue());
            }
            return json.append('}').toString();
        }

        private static void string(StringBuilder json, String text) {
            json.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c >= 0x20 && c < 0x7f) {
                    json.append(c);
                } else {
                    json.append(String.format("\\u%04x", (int) c));
                }
            }
            json.append('"');
        }

        static Map<String, String> decode(String json) {
            Reader reader = new Reader(json);
            Map<String, String> details = new TreeMap<>();
            reader.expect('{');
            if (!reader.skip('}')) {
                do {
                    String key = reader.string();
                    reader.expect(':');
                    if (details.put(key, reader.string()) != null) {
                        throw reader.malformed("duplicate key");
                    }
                } while (reader.skip(','));
                reader.expect('}');
            }
            reader.end();
            return details;
        }

        private static final class Reader {
            private final String text;
            private int at;

            Reader(String text) {
                this.text = text;
            }

            void expect(char c) {
                if (!skip(c)) {
                    throw malformed("expected '" + c + "'");
                }
            }

            boolean skip(char c) {
                if (at < text.length() && text.charAt(at) == c) {
                    at++;
                    return true;
                }
                return false;
            }

            void end() {
                if (at != text.length()) {
                    throw malformed("trailing characters");
                }
            }

            String string() {
                expect('"');
                StringBuilder out = new StringBuilder();
                while (true) {
                    if (at >= text.length()) {
                        throw malformed("unterminated string");
                    }
                    char c = text.charAt(at++);
                    if (c == '"') {
                        return out.toString();
                    }
                    if (c != '\\') {
                        out.append(c);
                        continue;
                    }
                    if (at >= text.length()) {
                        throw malformed("unterminated escape");
                    }
                    char escape = text.charAt(at++);
                    switch (escape) {
                        case '"', '\\', '/' -> out.append(escape);
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (at + 4 > text.length()) {
                                throw malformed("short \\u escape");
                            }
                            try {
                                out.append((char) HexFormat.fromHexDigits(text, at, at + 4));
                            } catch (IllegalArgumentException e) {
                                throw malformed("bad \\u escape");
                            }
                            at += 4;
                        }
                        default -> throw malformed("unknown escape");
                    }
                }
            }

            IllegalStateException malformed(String problem) {
                // Never the text itself: details are written to be safe to show, but a corrupt row may not be.
                return new IllegalStateException("stored audit details are malformed at " + at + ": " + problem);
            }
        }
    }
}
