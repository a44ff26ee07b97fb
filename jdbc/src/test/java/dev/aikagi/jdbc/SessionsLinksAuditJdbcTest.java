package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static dev.aikagi.core.session.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.session.Session;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the V3 tables and their JDBC repositories do beyond the core contracts. */
class SessionsLinksAuditJdbcTest {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

    static Stream<Function<DataSource, ?>> constructors() {
        return Stream.of(JdbcSessionRepository::new, JdbcAccountLinkRepository::new, JdbcAuditLog::new);
    }

    @ParameterizedTest
    @MethodSource("constructors")
    void constructorWhenDataSourceNullThenNamesIt(Function<DataSource, ?> constructor) {
        assertThatNullPointerException().isThrownBy(() -> constructor.apply(null)).withMessage("dataSource");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void deleteAccountWhenItHasSessionsLinksAndEventsThenOnlyTheEventsRemain(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            DataSource dataSource = database.dataSource();
            JdbcSessionRepository sessions = new JdbcSessionRepository(dataSource);
            JdbcAccountLinkRepository links = new JdbcAccountLinkRepository(dataSource);
            JdbcAuditLog audit = new JdbcAuditLog(dataSource);
            AccountId gone = newAccount(dataSource);
            AccountId stays = newAccount(dataSource);
            Session session = session(gone).build();
            sessions.create(session);
            links.link(gone, stays);
            AuditEvent event = new AuditEvent(UUID.randomUUID(), T0, AuditType.ACCOUNT_LINKED, gone, null, Map.of());
            audit.record(event);

            JdbcClient.create(dataSource).sql("delete from account where id = :id").param("id", gone.value()).update();

            assertThat(sessions.findByTokenHash(session.tokenHash())).isEmpty();
            assertThat(links.group(stays)).containsExactly(stays);
            assertThat(audit.recent(gone, 10)).as("events outlive their account").containsExactly(event);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void linkWhenAccountUnknownThenIllegalArgumentAndNothingLinked(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            JdbcAccountLinkRepository links = new JdbcAccountLinkRepository(database.dataSource());
            AccountId known = newAccount(database.dataSource());
            AccountId unknown = new AccountId(UUID.randomUUID());

            assertThatIllegalArgumentException().isThrownBy(() -> links.link(known, unknown));
            assertThatIllegalArgumentException().isThrownBy(() -> links.link(unknown, known));

            assertThat(links.group(known)).containsExactly(known);
        }
    }

    @Test
    void recordWhenClientAddressOrDetailsTooLongForTheirColumnsThenIllegalArgument() {
        try (TestDatabase database = TestDatabase.open(TestDatabase.Kind.H2, 2)) {
            JdbcAuditLog audit = new JdbcAuditLog(database.dataSource());
            AccountId owner = new AccountId(UUID.randomUUID());
            // Each control character takes six once escaped.
            String escapedTooLong = "\u0001".repeat(JdbcAuditLog.MAX_DETAILS / 6);

            assertThatIllegalArgumentException().isThrownBy(() -> audit.record(new AuditEvent(UUID.randomUUID(), T0,
                    AuditType.LOGOUT, owner, "x".repeat(JdbcAuditLog.MAX_CLIENT_ADDRESS + 1), Map.of())));
            assertThatIllegalArgumentException().isThrownBy(() -> audit.record(new AuditEvent(UUID.randomUUID(), T0,
                    AuditType.LOGOUT, owner, null, Map.of("k", escapedTooLong))));

            // Exactly full: {"k":"vvv…"} is the value and eight characters.
            audit.record(new AuditEvent(UUID.randomUUID(), T0, AuditType.LOGOUT, owner,
                    "x".repeat(JdbcAuditLog.MAX_CLIENT_ADDRESS), Map.of("k", "v".repeat(JdbcAuditLog.MAX_DETAILS - 8))));
            assertThat(audit.recent(owner, 10)).hasSize(1);
        }
    }

    @Test
    void encodeWhenDetailsGivenThenSortedAsciiJson() {
        assertThat(JdbcAuditLog.Details.encode(Map.of("reason", "wrong \"code\"", "method", "totp", "é", "\n")))
                .isEqualTo("{\"method\":\"totp\",\"reason\":\"wrong \\\"code\\\"\",\"\\u00e9\":\"\\u000a\"}");
        assertThat(JdbcAuditLog.Details.encode(Map.of())).isEqualTo("{}");
    }

    @Test
    void decodeWhenStandardJsonEscapesThenReadsThem() {
        assertThat(JdbcAuditLog.Details.decode("{\"a\\/b\":\"\\b\\f\\n\\r\\t\\u00E9\"}"))
                .containsExactly(Map.entry("a/b", "\b\f\n\r\té"));
    }

    @Test
    void decodeWhenMalformedThenIllegalStateWithoutTheText() {
        Stream.of("", "{", "{\"a\"}", "{\"a\":\"b\"", "{\"a\":\"b\"}x", "{\"a\":\"\\x\"}", "{\"a\":\"\\u+041\"}",
                        "{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":1}")
                .forEach(text -> assertThatIllegalStateException().as(text)
                        .isThrownBy(() -> JdbcAuditLog.Details.decode(text))
                        .withMessageStartingWith("stored audit details are malformed"));
    }

    private static AccountId newAccount(DataSource dataSource) {
        Account account = account().build();
        new JdbcAccountRepository(dataSource).create(account);
        return account.id();
    }
}
