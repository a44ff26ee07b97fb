package dev.aikagi.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AttemptRepository} must do. Time is a fixed instant that the tests advance by hand;
 * nothing sleeps.
 */
public abstract class AttemptRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    /** Three free failures, then 1, 2, 4 … minutes (at most 8), exhausted after six. */
    private static final AttemptBudget BUDGET =
            new AttemptBudget(3, Duration.ofMinutes(1), Duration.ofMinutes(8), 6, Duration.ZERO);
    /** As {@link #BUDGET}, without a hard limit and forgetting after an hour of quiet. */
    private static final AttemptBudget FORGETFUL =
            new AttemptBudget(3, Duration.ofMinutes(1), Duration.ofMinutes(8), 0, Duration.ofHours(1));

    private AttemptRepository attempts;
    private String key;
    private Instant now;

    /** A repository holding no counters. */
    protected abstract AttemptRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        attempts = createRepository();
        key = "otp:account:" + UUID.randomUUID();
        now = T0;
    }

    @Test
    void acquireWhenKeyIsNewThenAllowedAsFirstFailure() {
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(1));

        assertThat(attempts.failures(key)).isEqualTo(1);
    }

    @Test
    void acquireWhenWithinFreeFailuresThenAllowedAndCounted() {
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(1));
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(2));
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(3));

        assertThat(attempts.failures(key)).isEqualTo(3);
    }

    @Test
    void acquireWhenFreeFailuresUsedThenThrottledUntilBaseDelayAndNotCounted() {
        failTimes(3);

        AttemptDecision decision = attempts.acquire(key, BUDGET, now.plusSeconds(59));

        // The retry time is computed from the stored last failure: microseconds must survive storage.
        assertThat(decision).isEqualTo(new AttemptDecision.Throttled(now.plusSeconds(60)));
        assertThat(attempts.failures(key)).isEqualTo(3);
    }

    @Test
    void acquireWhenDelayHasPassedThenAllowedAndNextDelayDoubles() {
        failTimes(3);
        now = now.plusSeconds(60);

        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(4));
        assertThat(attempts.acquire(key, BUDGET, now.plusSeconds(119)))
                .isEqualTo(new AttemptDecision.Throttled(now.plusSeconds(120)));
        assertThat(attempts.failures(key)).isEqualTo(4);
    }

    @Test
    void acquireWhenHardLimitReachedThenExhaustedAndNotCounted() {
        for (int failure = 1; failure <= 6; failure++) {
            now = now.plus(Duration.ofMinutes(10));
            assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(failure));
        }

        now = now.plus(Duration.ofDays(365));
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Exhausted());
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Exhausted());

        assertThat(attempts.failures(key)).isEqualTo(6);
    }

    @Test
    void acquireWhenQuietLongerThanForgetAfterThenCountsFromOneAgain() {
        for (int i = 0; i < 3; i++) {
            attempts.acquire(key, FORGETFUL, now);
        }
        assertThat(attempts.acquire(key, FORGETFUL, now)).isInstanceOf(AttemptDecision.Throttled.class);

        now = now.plus(Duration.ofHours(1));

        assertThat(attempts.acquire(key, FORGETFUL, now)).isEqualTo(new AttemptDecision.Allowed(1));
        assertThat(attempts.failures(key)).isEqualTo(1);
        assertThat(attempts.acquire(key, FORGETFUL, now)).isEqualTo(new AttemptDecision.Allowed(2));
    }

    @Test
    void acquireWhenKeysDifferThenCountedApart() {
        String other = "otp:account:" + UUID.randomUUID();
        failTimes(3);

        assertThat(attempts.acquire(other, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(1));

        assertThat(attempts.failures(key)).isEqualTo(3);
        assertThat(attempts.failures(other)).isEqualTo(1);
    }

    @Test
    void resetWhenFailuresCountedThenZeroAndAllowedAgain() {
        failTimes(3);

        attempts.reset(key);

        assertThat(attempts.failures(key)).isZero();
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(1));
    }

    @Test
    void resetWhenExhaustedThenAllowedAgain() {
        for (int failure = 1; failure <= 6; failure++) {
            now = now.plus(Duration.ofMinutes(10));
            attempts.acquire(key, BUDGET, now);
        }

        attempts.reset(key);

        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(1));
    }

    @Test
    void resetWhenKeyUnknownThenNothingHappens() {
        attempts.reset(key);

        assertThat(attempts.failures(key)).isZero();
    }

    @Test
    void releaseWhenFailuresCountedThenOneLess() {
        failTimes(3);

        attempts.release(key);

        assertThat(attempts.failures(key)).isEqualTo(2);
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(3));
    }

    @Test
    void releaseWhenZeroThenStaysZero() {
        attempts.acquire(key, BUDGET, now);
        attempts.release(key);

        attempts.release(key);
        attempts.release(key);

        assertThat(attempts.failures(key)).isZero();
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(1));
    }

    @Test
    void releaseWhenKeyUnknownThenStaysZero() {
        attempts.release(key);

        assertThat(attempts.failures(key)).isZero();
    }

    @Test
    void settleWhenKeysCountedThenEveryResetKeyZeroAndTheReleaseKeyOneLess() {
        String second = "sms:account:" + UUID.randomUUID();
        String address = "mfa:address:" + UUID.randomUUID();
        String untouched = "pwd:account:" + UUID.randomUUID();
        failTimes(3);
        attempts.acquire(second, BUDGET, now);
        attempts.acquire(address, BUDGET, now);
        attempts.acquire(address, BUDGET, now);
        attempts.acquire(untouched, BUDGET, now);

        attempts.settle(List.of(key, second, "unknown:" + UUID.randomUUID()), Optional.of(address));

        assertThat(attempts.failures(key)).isZero();
        assertThat(attempts.failures(second)).isZero();
        assertThat(attempts.failures(address)).isEqualTo(1);
        assertThat(attempts.failures(untouched)).isEqualTo(1);
        assertThat(attempts.acquire(key, BUDGET, now)).isEqualTo(new AttemptDecision.Allowed(1));
    }

    @Test
    void settleWhenReleaseKeyAtZeroOrOnlyResetsThenNothingGoesBelowZero() {
        String address = "mfa:address:" + UUID.randomUUID();
        failTimes(2);
        attempts.acquire(address, BUDGET, now);
        attempts.release(address);

        attempts.settle(List.of(key), Optional.of(address));
        assertThat(attempts.failures(key)).isZero();
        assertThat(attempts.failures(address)).isZero();

        failTimes(2);
        attempts.settle(List.of(key), Optional.empty());
        assertThat(attempts.failures(key)).isZero();

        attempts.acquire(address, BUDGET, now);
        attempts.settle(List.of(), Optional.of(address));
        assertThat(attempts.failures(address)).isZero();
    }

    @Test
    void failuresWhenKeyUnknownThenZero() {
        assertThat(attempts.failures(key)).isZero();
    }

    @Test
    void deleteIdleBeforeWhenQuietSinceThenDeletedAndItsBudgetStartsAgain() {
        // Long before T0, so that the other tests sharing a database keep their counters.
        Instant longAgo = Instant.parse("2001-02-03T04:05:06Z");
        String quiet = key;
        String recent = key + ":recent";
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.acquire(quiet, BUDGET, longAgo)).isInstanceOf(AttemptDecision.Allowed.class);
        }
        assertThat(attempts.acquire(recent, BUDGET, longAgo.plus(Duration.ofDays(40))))
                .isInstanceOf(AttemptDecision.Allowed.class);

        int deleted = attempts.deleteIdleBefore(longAgo.plus(Duration.ofDays(30)));

        assertThat(deleted).isPositive();
        assertThat(attempts.failures(quiet)).isZero();
        assertThat(attempts.failures(recent)).isEqualTo(1);
        assertThat(attempts.acquire(quiet, BUDGET, longAgo.plus(Duration.ofDays(41))))
                .isEqualTo(new AttemptDecision.Allowed(1));
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(attempts.acquire(key, BUDGET, now)).isInstanceOf(AttemptDecision.Allowed.class);
        }
    }
}
