package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.jdbc.JdbcSealedSecrets.Column;
import dev.aikagi.jdbc.JdbcSealedSecrets.Sealed;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link JdbcSealedSecrets} on each database: finding what a key rotation must re-seal, and re-sealing it safely. */
abstract class SealedSecretsContract {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC);

    private JdbcClient jdbc;
    private JdbcSealedSecrets secrets;

    protected abstract DataSource dataSource();

    @BeforeEach
    void setUp() {
        jdbc = JdbcClient.create(dataSource());
        secrets = new JdbcSealedSecrets(dataSource());
        jdbc.sql("delete from message_queue").update();
    }

    @Test
    void notUnderWhenValuesUnderSeveralKeysThenOnlyTheOthersInIdOrderAndBatches() {
        UUID account = account();
        List<UUID> stale = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stale.add(totp(account, "old_1:sealed" + i));
        }
        totp(account, "new:already");
        // A key id with '_' must not act as a LIKE wildcard: "new" must not match "ne_:".
        UUID lookalike = totp(account, "nex:sealed");
        stale.add(lookalike);
        stale.sort(null);

        List<Sealed> first = secrets.notUnder(Column.TOTP_SECRET, "new", Optional.empty(), 4);
        List<Sealed> rest = secrets.notUnder(Column.TOTP_SECRET, "new", Optional.of(first.getLast().id()), 4);

        assertThat(first).hasSize(4);
        assertThat(rest).hasSize(2);
        assertThat(concat(first, rest)).extracting(Sealed::id).containsExactlyElementsOf(stale);
        assertThat(concat(first, rest)).extracting(Sealed::value).noneMatch(v -> v.startsWith("new:"));
        assertThat(secrets.countNotUnder(Column.TOTP_SECRET, "new")).isEqualTo(6);
        assertThat(secrets.countNotUnder(Column.TOTP_SECRET, "ne_")).isEqualTo(7);
    }

    @Test
    void replaceWhenValueUnchangedThenReplacedElseLeftAlone() {
        UUID account = account();
        UUID id = totp(account, "a:one");

        assertThat(secrets.replace(Column.TOTP_SECRET, id, "a:changed-meanwhile", "b:two")).isFalse();
        assertThat(secrets.replace(Column.TOTP_SECRET, id, "a:one", "b:two")).isTrue();
        assertThat(secrets.replace(Column.TOTP_SECRET, id, "a:one", "b:three")).as("run again").isFalse();
        assertThat(jdbc.sql("select sealed_secret from totp_factor where id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("b:two");
        assertThat(secrets.replace(Column.TOTP_SECRET, UUID.fromString("00000000-0000-4000-8000-000000000009"),
                "a:one", "b:two")).as("deleted row").isFalse();
    }

    @Test
    void everyColumnWhenSealedThenFoundAndReplaced() {
        UUID account = account();
        UUID totp = totp(account, "a:t");
        UUID set = UUID.fromString("00000000-0000-4000-8000-000000000101");
        jdbc.sql("insert into backup_code_set (id, account_id, created_at) values (:id, :account, :at)")
                .param("id", set).param("account", account).param("at", AT).update();
        UUID code = UUID.fromString("00000000-0000-4000-8000-000000000102");
        UUID showOnce = UUID.fromString("00000000-0000-4000-8000-000000000103");
        backupCode(code, set, 1, "a:b");
        backupCode(showOnce, set, 2, null);
        UUID message = UUID.fromString("00000000-0000-4000-8000-000000000104");
        jdbc.sql("""
                        insert into message_queue (id, channel, recipient, subject, sealed_body, account_id, kind, created_at,
                                                   expires_at, state, attempts, next_attempt_at)
                        values (:id, 'sms', '+819000000000', '', 'a:m', :account, 'login_code', :at, :at, 'PENDING', 0, :at)""")
                .param("id", message).param("account", account).param("at", AT).update();
        UUID supportCase = UUID.fromString("00000000-0000-4000-8000-000000000105");
        jdbc.sql("""
                        insert into support_case (id, account_id, username, contact_email, language, statement, state, created_at)
                        values (:id, :account, 'u', 'u@example.jp', 'ja', 's', 'OPEN', :at)""")
                .param("id", supportCase).param("account", account).param("at", AT).update();
        UUID evidence = UUID.fromString("00000000-0000-4000-8000-000000000106");
        jdbc.sql("""
                        insert into support_evidence (id, case_id, media_type, file_name, size_bytes, created_at, sealed)
                        values (:id, :case, 'image/png', 'id.png', 3, :at, 'a:e')""")
                .param("id", evidence).param("case", supportCase).param("at", AT).update();

        assertThat(secrets.notUnder(Column.TOTP_SECRET, "b", Optional.empty(), 10)).containsExactly(new Sealed(totp, "a:t"));
        assertThat(secrets.notUnder(Column.BACKUP_CODE, "b", Optional.empty(), 10))
                .as("a show-once code has nothing sealed").containsExactly(new Sealed(code, "a:b"));
        assertThat(secrets.notUnder(Column.MESSAGE_BODY, "b", Optional.empty(), 10)).containsExactly(new Sealed(message, "a:m"));
        assertThat(secrets.notUnder(Column.SUPPORT_EVIDENCE, "b", Optional.empty(), 10))
                .containsExactly(new Sealed(evidence, "a:e"));
        assertThat(secrets.replace(Column.BACKUP_CODE, code, "a:b", "b:b")).isTrue();
        assertThat(secrets.replace(Column.MESSAGE_BODY, message, "a:m", "b:m")).isTrue();
        assertThat(secrets.replace(Column.SUPPORT_EVIDENCE, evidence, "a:e", "b:e")).isTrue();
        for (Column column : Column.values()) {
            assertThat(secrets.countNotUnder(column, "b")).as(column.table()).isEqualTo(column == Column.TOTP_SECRET ? 1 : 0);
        }
    }

    private UUID account() {
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000001");
        jdbc.sql("insert into account (id, username, password_hash, created_at) values (:id, 'sealed_user', 'x', :at)")
                .param("id", id).param("at", AT).update();
        return id;
    }

    private int totps;

    private UUID totp(UUID account, String sealed) {
        // Ids out of insertion order, so that "id order" is not "insertion order" by accident.
        UUID id = new UUID(0x4000L, (long) ((totps++ * 7919) % 1000) + 1000);
        jdbc.sql("""
                        insert into totp_factor (id, account_id, sealed_secret, algorithm, digits, period_seconds, last_step, created_at)
                        values (:id, :account, :sealed, 'SHA1', 6, 30, 0, :at)""")
                .param("id", id).param("account", account).param("sealed", sealed).param("at", AT).update();
        return id;
    }

    private void backupCode(UUID id, UUID set, int position, String sealed) {
        jdbc.sql("""
                        insert into backup_code (id, set_id, position, key_id, salt, digest, sealed)
                        values (:id, :set, :position, 'p', 's', 'd', :sealed)""")
                .param("id", id).param("set", set).param("position", position).param("sealed", sealed).update();
    }

    private static List<Sealed> concat(List<Sealed> a, List<Sealed> b) {
        List<Sealed> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
