package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountErasureRepository;
import dev.aikagi.core.account.AccountId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AccountErasureRepository} in one transaction. Deleting the {@code account} row erases, by
 * {@code on delete cascade}: totp_factor, backup_code_set (and backup_code), login_flow, web_session,
 * account_link, contact_channel, one_time_code, alert_token, known_device, recovery_case, support_case (and
 * support_evidence), device_binding, account_role, account_deletion, checkup_nudge — and every table a later
 * migration ties to the account the same way (passkeys, trusted devices). What has no foreign key to the
 * account is erased here by hand: the tokens and consents applications hold ({@code principal_name} is the
 * account's id), messages still queued for its addresses, and its attempt counters (a key may hold the
 * username). Audit events stay (the record of what happened is kept as the law asks) but lose the client
 * address and every detail except those that only say what happened ({@link #KEPT_DETAILS}).
 */
public final class JdbcAccountErasureRepository implements AccountErasureRepository {

    /** Details that name no one: what was done, how, and how many. Anything else (a device, an address) goes. */
    static final Set<String> KEPT_DETAILS = Set.of("method", "purpose", "reason", "step", "count", "sessionsEnded",
            "recovery", "role", "by", "channel", "remaining", "linked", "amr", "changed", "sms", "delivered", "due",
            "current", "case", "support");

    private static final String USERNAME = "select username from account where id = :id";
    private static final String EVENTS = "select id, details from audit_event where account_id = :id";
    private static final String SCRUB =
            "update audit_event set client_address = null, details = :details where id = :id";
    private static final String[] BY_PRINCIPAL = {
        "delete from oauth2_authorization where principal_name = :principal",
        "delete from oauth2_authorization_consent where principal_name = :principal",
        "delete from oidc_spent_refresh_token where principal_name = :principal",
    };
    private static final String QUEUED = "delete from message_queue where account_id = :id";
    /** Passkey challenges name the account without a foreign key (they live minutes; issue 17's passkeys). */
    private static final String CHALLENGES = "delete from passkey_challenge where account_id = :id";
    private static final String COUNTERS = """
            delete from attempt_counter
            where counter_key like :byId escape '\\'
               or counter_key like :byName escape '\\' or counter_key like :deviceByName escape '\\'""";
    private static final String UNLIST = "update role_listing set account_id = null where account_id = :id";
    private static final String ACCOUNT = "delete from account where id = :id";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public JdbcAccountErasureRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public boolean erase(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        UUID id = accountId.value();
        Boolean erased = transaction.execute(tx -> {
            Optional<String> username = jdbc.sql(USERNAME).param("id", id).query(String.class).optional();
            if (username.isEmpty()) {
                return false;
            }
            jdbc.sql(EVENTS).param("id", id)
                    .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("details")))
                    .list()
                    .forEach(event -> jdbc.sql(SCRUB).param("id", event.getKey())
                            .param("details", JdbcAuditLog.Details.encode(kept(event.getValue()))).update());
            for (String sql : BY_PRINCIPAL) {
                jdbc.sql(sql).param("principal", id.toString()).update();
            }
            jdbc.sql(QUEUED).param("id", id).update();
            jdbc.sql(CHALLENGES).param("id", id).update();
            String name = escape(username.get());
            jdbc.sql(COUNTERS)
                    .param("byId", "%" + id + "%")
                    .param("byName", "%:account:user:" + name)
                    .param("deviceByName", "%:device:user:" + name + ":%")
                    .update();
            jdbc.sql(UNLIST).param("id", id).update();
            return jdbc.sql(ACCOUNT).param("id", id).update() == 1;
        });
        return Boolean.TRUE.equals(erased);
    }

    private static Map<String, String> kept(String details) {
        Map<String, String> kept = new TreeMap<>();
        try {
            JdbcAuditLog.Details.decode(details).forEach((key, value) -> {
                if (KEPT_DETAILS.contains(key)) {
                    kept.put(key, value);
                }
            });
        } catch (IllegalStateException malformed) {
            // A row that cannot be read keeps nothing: nothing in it can be shown to name no one.
            return Map.of();
        }
        return kept;
    }

    /** A LIKE pattern's special characters, escaped with {@code \}. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
