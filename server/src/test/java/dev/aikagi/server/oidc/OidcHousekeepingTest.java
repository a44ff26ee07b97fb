package dev.aikagi.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Expired authorizations and retired keys go; live ones and pending consents stay. Account-wide alarms revoke
 * every application's tokens of the account.
 */
class OidcHousekeepingTest {

    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void deleteExpiredWhenRunThenOnlyFullyExpiredAuthorizationsRetiredKeysAndOldSpentTokensGo() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:oidc-housekeeping;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        insert(jdbc, "expired", NOW.minusSeconds(3 * 86400), NOW.minusSeconds(2 * 86400));
        insert(jdbc, "refresh-alive", NOW.minusSeconds(3 * 86400), NOW.plusSeconds(86400));
        insert(jdbc, "just-expired", NOW.minusSeconds(3600), NOW.minusSeconds(3600));
        jdbc.update("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
                + " state) values ('consent-pending', 'c', 'p', 'authorization_code', 's')");
        jdbc.update("insert into oidc_signing_key (kid, sealed_jwk, created_at, retire_at) values ('old', 'x', ?, ?)",
                Timestamp.from(NOW.minusSeconds(200 * 86400)), Timestamp.from(NOW.minusSeconds(1)));
        jdbc.update("insert into oidc_signing_key (kid, sealed_jwk, created_at, retire_at) values ('new', 'x', ?, ?)",
                Timestamp.from(NOW), Timestamp.from(NOW.plusSeconds(86400)));

        for (Object[] spent : new Object[][] {{"sha256:old", NOW.minusSeconds(2 * 86400)}, {"sha256:recent", NOW.minusSeconds(3600)}}) {
            jdbc.update("insert into oidc_spent_refresh_token (token_hash, authorization_id, principal_name, client_id,"
                    + " spent_at, expires_at) values (?, 'a', 'p', 'c', ?, ?)", spent[0],
                    Timestamp.from(NOW.minusSeconds(3 * 86400)), Timestamp.from((Instant) spent[1]));
        }

        int[] deleted = new OidcHousekeeping(jdbc, Clock.fixed(NOW, ZoneOffset.UTC)).deleteExpired(NOW);

        assertThat(deleted).containsExactly(1, 1, 1);
        assertThat(jdbc.queryForList("select token_hash from oidc_spent_refresh_token", String.class))
                .containsExactly("sha256:recent");
        assertThat(jdbc.queryForList("select id from oauth2_authorization order by id", String.class))
                .containsExactly("consent-pending", "just-expired", "refresh-alive");
        assertThat(jdbc.queryForList("select kid from oidc_signing_key", String.class)).containsExactly("new");
    }

    @Test
    void revocationWhenAccountWideAlarmThenEveryAuthorizationOfTheAccountGoesAndOthersStay() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:oidc-revocation;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        var owner = new dev.aikagi.core.account.AccountId(java.util.UUID.randomUUID());
        var someoneElse = new dev.aikagi.core.account.AccountId(java.util.UUID.randomUUID());
        for (String[] row : new String[][] {{"a1", owner.toString()}, {"a2", owner.toString()}, {"b1", someoneElse.toString()}}) {
            jdbc.update("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type)"
                    + " values (?, 'c', ?, 'authorization_code')", row[0], row[1]);
        }
        TokenRevocation revocation = new TokenRevocation(jdbc);
        revocation.recorded(new dev.aikagi.core.audit.AuditEvent(java.util.UUID.randomUUID(), NOW,
                dev.aikagi.core.audit.AuditType.LOGIN_SUCCEEDED, owner, "203.0.113.9", java.util.Map.of()));
        assertThat(jdbc.queryForObject("select count(*) from oauth2_authorization", Integer.class))
                .as("an ordinary event revokes nothing").isEqualTo(3);
        for (var type : TokenRevocation.ACCOUNT_WIDE) {
            revocation.recorded(new dev.aikagi.core.audit.AuditEvent(java.util.UUID.randomUUID(), NOW, type, owner,
                    "203.0.113.9", java.util.Map.of()));
        }
        assertThat(jdbc.queryForList("select id from oauth2_authorization", String.class)).containsExactly("b1");
    }

    private static void insert(JdbcTemplate jdbc, String id, Instant accessExpires, Instant refreshExpires) {
        jdbc.update("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
                        + " authorization_code_value, authorization_code_expires_at, access_token_value,"
                        + " access_token_expires_at, refresh_token_value, refresh_token_expires_at)"
                        + " values (?, 'c', 'p', 'authorization_code', 'code', ?, 'at', ?, 'rt', ?)",
                id, Timestamp.from(accessExpires), Timestamp.from(accessExpires), Timestamp.from(refreshExpires));
    }
}
