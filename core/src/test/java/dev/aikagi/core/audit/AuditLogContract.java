package dev.aikagi.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do. Subclasses supply the implementation under test. No account is
 * created first: events outlive their accounts, so the log must not require one to exist.
 */
public abstract class AuditLogContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

    private AuditLog log;

    /** A log; it may hold events of other accounts, but none of the random accounts these tests use. */
    protected abstract AuditLog createLog();

    @BeforeEach
    void setUpLog() {
        log = createLog();
    }

    @Test
    void recordWhenEventThenRecentReturnsWhatWasStored() {
        AccountId owner = newAccountId();
        AuditEvent event = new AuditEvent(UUID.randomUUID(), T0.plusNanos(7_000), AuditType.LOGIN_SUCCEEDED, owner,
                "2001:db8::1", Map.of("method", "totp", "assurance", "AAL2"));

        log.record(event);

        assertThat(log.recent(owner, 10)).containsExactly(event);
    }

    @Test
    void recordWhenDetailsHoldAnyCharactersThenTheyRoundTripExactly() {
        AccountId owner = newAccountId();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("", "empty key");
        details.put("empty value", "");
        details.put("a=b;c,d&e", "x=y;z,w&v");
        details.put("\"quoted\"", "{\"json\": [1, 2], \"nested\": \"\\\"\"}");
        details.put("back\\slash", "\\u0041 is not A, \\n is not a newline");
        details.put("controls", "new\nline\ttab\rreturn\u0000nul\u001f\u007f\b\f");
        details.put("日本語", "合鍵 – naïve café");
        details.put("emoji", "😀 and a lone high \uD83D and low \uDE00 surrogate");
        details.put(" spaced ", "  %20+plus  ");

        AuditEvent event = new AuditEvent(UUID.randomUUID(), T0, AuditType.BACKUP_CODE_USED, owner, "192.0.2.7", details);
        log.record(event);

        AuditEvent stored = log.recent(owner, 1).getFirst();
        assertThat(stored.details()).containsExactlyInAnyOrderEntriesOf(details);
        assertThat(stored).isEqualTo(event);
    }

    @Test
    void recordWhenNoDetailsAndNoClientAddressThenTheyRoundTrip() {
        AccountId owner = newAccountId();
        AuditEvent event = new AuditEvent(UUID.randomUUID(), T0, AuditType.LOGOUT, owner, null, Map.of());

        log.record(event);

        assertThat(log.recent(owner, 10)).containsExactly(event);
    }

    @Test
    void recordWhenNoAccountThenStoredUnderNone() {
        // A failed password for a name that may not exist is recorded under no account.
        AccountId owner = newAccountId();
        AuditEvent anonymous = new AuditEvent(UUID.randomUUID(), T0, AuditType.LOGIN_PASSWORD_FAILED, null,
                "198.51.100.3", Map.of("reason", "WRONG_PASSWORD"));
        AuditEvent owned = event(owner, T0.plusSeconds(1), AuditType.LOGIN_PASSWORD_FAILED);

        log.record(anonymous);
        log.record(owned);

        assertThat(log.recent(owner, 10)).containsExactly(owned);
    }

    @Test
    void recordWhenIdTakenThenConflictAndFirstKept() {
        AccountId owner = newAccountId();
        AuditEvent first = event(owner, T0, AuditType.TOTP_ENROLLED);
        log.record(first);
        AuditEvent clash = new AuditEvent(first.id(), T0.plusSeconds(1), AuditType.TWO_STEP_DISABLED, owner, null, Map.of());

        assertThatThrownBy(() -> log.record(clash)).isInstanceOf(Conflict.class);

        assertThat(log.recent(owner, 10)).containsExactly(first);
    }

    @Test
    void recentWhenMoreThanLimitThenTheNewestFirst() {
        AccountId owner = newAccountId();
        List<AuditEvent> events = IntStream.range(0, 6)
                .mapToObj(i -> event(owner, T0.plusSeconds(i * 10L).plusNanos(i * 1_000L), AuditType.values()[i]))
                .toList();
        // Recorded out of order: the log orders by time, not by arrival.
        for (int i : new int[] {3, 0, 5, 1, 4, 2}) {
            log.record(events.get(i));
        }

        assertThat(log.recent(owner, 4)).containsExactly(events.get(5), events.get(4), events.get(3), events.get(2));
        assertThat(log.recent(owner, 100)).hasSize(6).first().isEqualTo(events.get(5));
    }

    @Test
    void recentWhenOtherAccountsHaveEventsThenOnlyOwn() {
        AccountId owner = newAccountId();
        AccountId other = newAccountId();
        AuditEvent mine = event(owner, T0, AuditType.ACCOUNT_CREATED);
        log.record(event(other, T0.plusSeconds(1), AuditType.ACCOUNT_CREATED));
        log.record(mine);
        log.record(event(other, T0.plusSeconds(2), AuditType.LOGOUT));

        assertThat(log.recent(owner, 10)).containsExactly(mine);
    }

    @Test
    void recentWhenLimitZeroThenEmpty() {
        AccountId owner = newAccountId();
        log.record(event(owner, T0, AuditType.LOGOUT));

        assertThat(log.recent(owner, 0)).isEmpty();
    }

    @Test
    void recentWhenLimitNegativeThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> log.recent(newAccountId(), -1));
    }

    @Test
    void recentWhenNoEventsThenEmpty() {
        assertThat(log.recent(newAccountId(), 10)).isEmpty();
    }

    private static AuditEvent event(AccountId owner, Instant at, AuditType type) {
        return new AuditEvent(UUID.randomUUID(), at, type, owner, "203.0.113.9", Map.of("n", "1"));
    }

    /** Random, and never created: the log has no foreign key to accounts. */
    private static AccountId newAccountId() {
        return new AccountId(UUID.randomUUID());
    }

    @Test
    void searchWhenFilteredByAccountTypeAndTimeThenNewestFirstWithinLimit() {
        AccountId owner = newAccountId();
        AccountId other = newAccountId();
        AuditEvent login1 = new AuditEvent(UUID.randomUUID(), T0, AuditType.LOGIN_SUCCEEDED, owner, "192.0.2.1", Map.of());
        AuditEvent failed = new AuditEvent(UUID.randomUUID(), T0.plusSeconds(10), AuditType.LOGIN_PASSWORD_FAILED, owner,
                "192.0.2.1", Map.of());
        AuditEvent login2 = new AuditEvent(UUID.randomUUID(), T0.plusSeconds(20), AuditType.LOGIN_SUCCEEDED, owner,
                "192.0.2.2", Map.of("amr", "pwd otp"));
        AuditEvent others = new AuditEvent(UUID.randomUUID(), T0.plusSeconds(5), AuditType.LOGIN_SUCCEEDED, other, null,
                Map.of());
        List.of(login1, failed, login2, others).forEach(log::record);
        java.util.Optional<Instant> none = java.util.Optional.empty();

        assertThat(log.search(new AuditQuery(java.util.Optional.of(owner), java.util.Set.of(), none, none, 10)))
                .containsExactly(login2, failed, login1);
        assertThat(log.search(new AuditQuery(java.util.Optional.of(owner), java.util.Set.of(AuditType.LOGIN_SUCCEEDED),
                none, none, 10))).containsExactly(login2, login1);
        assertThat(log.search(new AuditQuery(java.util.Optional.of(owner),
                java.util.Set.of(AuditType.LOGIN_SUCCEEDED, AuditType.LOGIN_PASSWORD_FAILED),
                java.util.Optional.of(T0.plusSeconds(10)), java.util.Optional.of(T0.plusSeconds(20)), 10)))
                .containsExactly(failed);
        assertThat(log.search(new AuditQuery(java.util.Optional.of(owner), java.util.Set.of(), none, none, 1)))
                .containsExactly(login2);
    }

    @Test
    void searchWhenNoAccountFilterThenEveryAccountAndNoneInTheRange() {
        // A time window no other test writes into: the log may be shared.
        Instant start = Instant.parse("2301-01-01T00:00:00Z").plusSeconds(new java.util.Random().nextInt(1_000_000) * 60L);
        AuditEvent a = new AuditEvent(UUID.randomUUID(), start, AuditType.SUPPORT_REQUESTED, null, "192.0.2.9",
                Map.of("support", "x"));
        AuditEvent b = new AuditEvent(UUID.randomUUID(), start.plusSeconds(1), AuditType.SUPPORT_REQUESTED,
                newAccountId(), "192.0.2.9", Map.of());
        log.record(a);
        log.record(b);

        assertThat(log.search(new AuditQuery(java.util.Optional.empty(), java.util.Set.of(),
                java.util.Optional.of(start), java.util.Optional.of(start.plusSeconds(59)), 100))).containsExactly(b, a);
    }
}
