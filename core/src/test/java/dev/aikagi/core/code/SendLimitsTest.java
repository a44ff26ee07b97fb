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

    private static SendLimits.Send sms(CodePurpose purpose, String subject, boolean proven, String from) {
        return new SendLimits.Send(purpose, subject, "sms:" + PHONE, proven, Optional.of(from), true);
    }

    @Test
    void acquireWhenUnprovenDestinationExhaustedThenProvenSendsToItStillAllowed() {
        // Issue 14 point 3: throwaway accounts asking to verify someone else's number.
        for (int i = 0; i < 5; i++) {
            assertThat(limits.acquire(sms(CodePurpose.VERIFY_PHONE, "throwaway-" + i, false, "203.0.113.9"), T0)).isEmpty();
        }
        assertThat(limits.acquire(sms(CodePurpose.VERIFY_PHONE, "throwaway-9", false, "203.0.113.9"), T0))
                .hasValueSatisfying(r -> assertThat(r.limit()).isEqualTo(SendLimits.Limit.DESTINATION));

        assertThat(limits.acquire(sms(CodePurpose.LOGIN_SMS, "owner", true, "192.0.2.1"), T0)).isEmpty();
    }

    @Test
    void acquireWhenTextMessageBudgetSpentOnTwoNodesThenRefusedUntilTheNextHour() {
        SendLimits.Policy policy = SendLimits.DEFAULT.withTextMessageLimits(100, 4);
        SendLimits node1 = new SendLimits(counters, policy);
        SendLimits node2 = new SendLimits(counters, policy);
        for (int i = 0; i < 4; i++) {
            SendLimits node = i % 2 == 0 ? node1 : node2;
            assertThat(node.acquire(new SendLimits.Send(CodePurpose.LOGIN_SMS, "acct-" + i, "sms:+8190000000" + i, true,
                    Optional.of("192.0.2." + i), true), T0.plusSeconds(i))).isEmpty();
        }

        Optional<SendLimits.Refusal> refused = node2.acquire(new SendLimits.Send(CodePurpose.LOGIN_SMS, "acct-9",
                "sms:+819000000099", true, Optional.of("192.0.2.9"), true), T0.plusSeconds(10));

        assertThat(refused).contains(new SendLimits.Refusal(SendLimits.Limit.TEXT_MESSAGES, Instant.parse("2026-11-25T10:00:00Z")));
        assertThat(node1.acquireTextMessage(T0.plusSeconds(11))).isPresent();
        assertThat(node1.acquireTextMessage(Instant.parse("2026-11-25T10:00:00Z"))).isEmpty();
        assertThat(limits.acquire(new SendLimits.Send(CodePurpose.VERIFY_EMAIL, "acct-9", "email:a@example.jp", false,
                Optional.of("192.0.2.9"), false), T0.plusSeconds(12))).as("email is not a text message").isEmpty();
    }

    @Test
    void acquireWhenSteadyTextMessagesBelowTheHourlyBudgetThenNeverRefused() {
        SendLimits steady = new SendLimits(counters, SendLimits.DEFAULT.withTextMessageLimits(1000, 10));
        Instant now = T0;
        for (int i = 0; i < 100; i++) {
            assertThat(steady.acquireTextMessage(now)).as("message %d", i).isEmpty();
            now = now.plus(Duration.ofMinutes(7));
        }
    }

    @Test
    void acquireWhenPerAddressLimitRefusesThenTheHourlyBudgetIsNotSpent() {
        SendLimits tight = new SendLimits(counters, SendLimits.DEFAULT.withTextMessageLimits(1, 2));
        assertThat(tight.acquire(sms(CodePurpose.LOGIN_SMS, "a", true, "198.51.100.1"), T0)).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(tight.acquire(new SendLimits.Send(CodePurpose.LOGIN_SMS, "b" + i, "sms:+81900000001" + i, true,
                    Optional.of("198.51.100.1"), true), T0)).hasValueSatisfying(r ->
                    assertThat(r.limit()).isEqualTo(SendLimits.Limit.ADDRESS));
        }
        assertThat(tight.acquire(new SendLimits.Send(CodePurpose.LOGIN_SMS, "c", "sms:+819000000020", true,
                Optional.of("198.51.100.2"), true), T0)).isEmpty();
    }

    @Test
    void counterKeyWhenDestinationLongThenItFitsTheCountersKeyColumn() {
        String longEmail = "email:" + "a".repeat(240) + "@example.jp";

        String key = SendLimits.counterKey("send:unproven:to:", longEmail);

        assertThat(key).hasSizeLessThanOrEqualTo(255).startsWith("send:unproven:to:sha256:");
        assertThat(SendLimits.counterKey("send:to:", "sms:" + PHONE)).isEqualTo("send:to:sms:" + PHONE);
    }
}
