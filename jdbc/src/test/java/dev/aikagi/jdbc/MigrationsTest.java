package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one migration set runs unchanged on both databases and leaves the same tables behind. */
class MigrationsTest {

    private static final String TABLES = """
            select table_name from information_schema.tables
            where table_schema = 'public' and table_name <> 'flyway_schema_history'
            order by table_name""";

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void migrateWhenDatabaseIsMigratedThenCreatesEveryTable(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            List<String> tables = JdbcClient.create(database.dataSource()).sql(TABLES).query(String.class).list();

            assertThat(tables).containsExactly(
                    "account", "account_deletion", "account_link", "account_role", "account_time_zone", "alert_token",
                    "attempt_counter", "audit_event", "backup_code", "backup_code_set", "checkup_nudge",
                    "contact_channel", "device_binding", "invitation", "known_device", "login_flow", "message_queue",
                    "oauth2_authorization", "oauth2_authorization_consent", "oauth2_registered_client",
                    "oidc_signing_key", "oidc_spent_refresh_token", "one_time_code", "outbox_message", "passkey",
                    "passkey_challenge", "passkey_user", "recovery_case", "role_listing", "support_case",
                    "support_evidence", "totp_factor", "trusted_device", "two_step_reset", "web_session");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void migrateWhenAlreadyMigratedThenRunsNothing(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            assertThat(Migrations.migrate(database.dataSource())).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void migrateWhenDatabaseIsMigratedThenTimestampsKeepTheirZone(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            String columnTypes = """
                    select lower(data_type) as data_type from information_schema.columns
                    where table_schema = 'public' and column_name like '%\\_at' escape '\\'
                    group by lower(data_type)""";
            List<Map<String, Object>> types = JdbcClient.create(database.dataSource()).sql(columnTypes).query().listOfRows();

            assertThat(types).extracting(row -> row.get("data_type")).containsExactly("timestamp with time zone");
        }
    }

    @Test
    void migrateWhenDataSourceNullThenNamesIt() {
        assertThatNullPointerException().isThrownBy(() -> Migrations.migrate(null)).withMessage("dataSource");
    }
}
