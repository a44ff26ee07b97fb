package dev.aikagi.core.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.policy.InMemoryAttemptRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendLimitsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final String PHONE = "+819012345678";

    private final InMemoryAttemptRepository counters = new InMemoryAttemptRepository();
    private final SendLimits limits = new SendLimits(counters, SendLimits.DEFAULT);

    @Test
    void firstSendIsAllowedAndTheNextWaitsForTheCoolDown() {
        assertThat(limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, T0)).isEmpty();

        Optional<Instant> tooSoon = limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, T0.plusSeconds(10));

        assertThat(tooSoon).contains(T0.plusSeconds(30));
        assertThat(limits.nextSendAt(T0)).isEqualTo(T0.plusSeconds(30));
        assertThat(limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void twentyRapidSendsSendAtMostOne() {
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            if (limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, T0.plusMillis(100L * i)).isEmpty()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(1);
    }

    @Test
    void sendsAtTheCoolDownPaceStopAtTheHourlyCap() {
        int allowed = 0;
        Instant now = T0;
        for (int i = 0; i < 20; i++) {
            if (limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, now).isEmpty()) {
                allowed++;
            }
            now = now.plusSeconds(31);
        }
        assertThat(allowed).isEqualTo(SendLimits.DEFAULT.perAccountCap());
    }

    @Test
    void afterTheCapTheNextSendIsAllowedAnHourAfterTheLast() {
        Instant now = T0;
        Instant last = T0;
        for (int i = 0; i < 5; i++) {
            assertThat(limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, now)).isEmpty();
            last = now;
            now = now.plusSeconds(31);
        }
        Optional<Instant> refused = limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, now);

        assertThat(refused).isPresent();
        assertThat(refused.get()).isAfterOrEqualTo(last.plus(Duration.ofMinutes(59)));
        assertThat(limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, last.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void theDestinationCapHoldsAcrossAccounts() {
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            // Twenty different accounts (no cool-down between them) all sending to one number.
            if (limits.acquire(CodePurpose.VERIFY_PHONE, "acct-" + i, PHONE, T0.plusSeconds(i)).isEmpty()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(SendLimits.DEFAULT.perDestinationCap());
    }

    @Test
    void aRefusedSendDoesNotUseUpTheOtherBudgets() {
        // Fill the destination cap from other accounts.
        for (int i = 0; i < 5; i++) {
            assertThat(limits.acquire(CodePurpose.VERIFY_PHONE, "other-" + i, PHONE, T0)).isEmpty();
        }
        // acct-1 is refused five times for that number: its own counts must be given back...
        for (int i = 0; i < 5; i++) {
            assertThat(limits.acquire(CodePurpose.VERIFY_PHONE, "acct-1", PHONE, T0.plusSeconds(31L * (i + 1))))
                    .isPresent();
        }
        // ...so it can still send to another number at once.
        assertThat(limits.acquire(CodePurpose.VERIFY_PHONE, "acct-1", "+819087654321", T0.plusSeconds(200))).isEmpty();
    }

    @Test
    void purposesHaveSeparateCoolDowns() {
        assertThat(limits.acquire(CodePurpose.LOGIN_SMS, "acct-1", PHONE, T0)).isEmpty();

        assertThat(limits.acquire(CodePurpose.VERIFY_EMAIL, "acct-1", "taro@example.com", T0.plusSeconds(1))).isEmpty();
    }
}
