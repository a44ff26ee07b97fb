package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.TestAccounts;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.PendingDeletion;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasing an account (issue 17) on H2 and PostgreSQL: every row of the account goes, what has no foreign key
 * included; the audit events stay without the client address or any detail that could name the person; another
 * account keeps everything.
 */
class AccountErasureJdbcTest {

    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void eraseWhenAccountHasDataEverywhereThenOnlyScrubbedAuditRemains(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            DataSource ds = database.dataSource();
            JdbcAccountRepository accounts = new JdbcAccountRepository(ds);
            Account gone = TestAccounts.account().username("erased_user").build();
            Account kept = TestAccounts.account().username("kept_user").build();
            accounts.create(gone);
            accounts.create(kept);
            fill(ds, gone);
            fill(ds, kept);

            assertThat(new JdbcAccountErasureRepository(ds).erase(gone.id())).isTrue();

            JdbcClient jdbc = JdbcClient.create(ds);
            assertThat(accounts.findById(gone.id())).isEmpty();
            for (String table : List.of("web_session", "contact_channel", "account_deletion", "checkup_nudge",
                    "message_queue", "alert_token")) {
                assertThat(count(jdbc, "select count(*) from " + table + " where account_id = ?", gone.id().value()))
                        .as(table).isZero();
                assertThat(count(jdbc, "select count(*) from " + table + " where account_id = ?", kept.id().value()))
                        .as(table + " of the other account").isEqualTo(1);
            }
            for (String table : List.of("oauth2_authorization", "oauth2_authorization_consent")) {
                assertThat(count(jdbc, "select count(*) from " + table + " where principal_name = ?",
                        gone.id().toString())).as(table).isZero();
                assertThat(count(jdbc, "select count(*) from " + table + " where principal_name = ?",
                        kept.id().toString())).as(table).isEqualTo(1);
            }
            assertThat(jdbc.sql("select counter_key from attempt_counter order by counter_key").query(String.class).list())
                    .containsExactlyInAnyOrder("pwd:account:user:kept_user", "mfa:account:" + kept.id(),
                            "pwd:account:user:erased_userx");
            List<AuditEvent> events = new JdbcAuditLog(ds).recent(gone.id(), 10);
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().type()).isEqualTo(AuditType.LOGIN_NEW_DEVICE);
            assertThat(events.getFirst().clientAddress()).isNull();
            assertThat(events.getFirst().details()).containsExactly(Map.entry("method", "totp"));
            List<AuditEvent> others = new JdbcAuditLog(ds).recent(kept.id(), 10);
            assertThat(others.getFirst().clientAddress()).isEqualTo("192.0.2.1");
            assertThat(others.getFirst().details()).containsKey("device");

            assertThat(new JdbcAccountErasureRepository(ds).erase(gone.id())).isFalse();
        }
    }

    @Test
    void constructorsWhenDataSourceNullThenNameIt() {
        assertThatNullPointerException().isThrownBy(() -> new JdbcAccountErasureRepository(null)).withMessage("dataSource");
        assertThatNullPointerException().isThrownBy(() -> new JdbcAccountDeletionRepository(null)).withMessage("dataSource");
        assertThatNullPointerException().isThrownBy(() -> new JdbcCheckupNudgeRepository(null)).withMessage("dataSource");
    }

    private static void fill(DataSource ds, Account account) {
        AccountId id = account.id();
        new JdbcSessionRepository(ds).create(new Session(UUID.randomUUID(), "h-" + UUID.randomUUID(), id, List.of("pwd"),
                AssuranceLevel.AAL1, T0, T0, null, Session.Kind.BROWSER));
        new JdbcContactChannelRepository(ds).save(new ContactChannel(id, Channel.EMAIL,
                account.username() + "@example.jp", "ja", false, T0));
        new JdbcAlertTokenRepository(ds).create("a-" + UUID.randomUUID(), id, "LOGIN_NEW_DEVICE", T0, T0.plusSeconds(60));
        new JdbcAccountDeletionRepository(ds).schedule(new PendingDeletion(id, T0, T0.plusSeconds(60),
                "d-" + UUID.randomUUID()));
        new JdbcCheckupNudgeRepository(ds).claim(id, UUID.randomUUID(), T0, T0);
        new JdbcAuditLog(ds).record(new AuditEvent(UUID.randomUUID(), T0, AuditType.LOGIN_NEW_DEVICE, id, "192.0.2.1",
                Map.of("device", "Chrome on Windows", "method", "totp", "to", "•••• 78")));
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("""
                insert into message_queue (id, channel, recipient, subject, sealed_body, account_id, kind, created_at,
                                           expires_at, state, attempts, next_attempt_at)
                values (?, 'email', ?, 's', 'b', ?, 'alert', ?, ?, 'PENDING', 0, ?)""")
                .params(UUID.randomUUID(), account.username() + "@example.jp", id.value(), Timestamps.param(T0),
                        Timestamps.param(T0.plusSeconds(60)), Timestamps.param(T0))
                .update();
        jdbc.sql("""
                insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type)
                values (?, 'client', ?, 'authorization_code')""").params(UUID.randomUUID().toString(), id.toString())
                .update();
        jdbc.sql("""
                insert into oauth2_authorization_consent (registered_client_id, principal_name, authorities)
                values ('client', ?, 'openid')""").params(id.toString()).update();
        counter(jdbc, "pwd:account:user:" + account.username());
        counter(jdbc, "mfa:account:" + id);
        if (account.username().equals("erased_user")) {
            // Another name that merely starts like the erased one keeps its counter (LIKE is anchored, _ escaped).
            counter(jdbc, "pwd:account:user:erased_userx");
        }
    }

    private static void counter(JdbcClient jdbc, String key) {
        jdbc.sql("insert into attempt_counter (counter_key, failures, last_failure_at) values (?, 1, ?)")
                .params(key, Timestamps.param(T0)).update();
    }

    private static int count(JdbcClient jdbc, String sql, Object param) {
        return jdbc.sql(sql).params(param).query(Integer.class).single();
    }
}
