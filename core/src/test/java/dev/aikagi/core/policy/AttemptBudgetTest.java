package dev.aikagi.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.policy.AttemptDecision.Allowed;
import dev.aikagi.core.policy.AttemptDecision.Exhausted;
import dev.aikagi.core.policy.AttemptDecision.Throttled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptBudgetTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration BASE = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofMinutes(4);

    /** 3 free failures, then 30 s, 60 s, 120 s, 240 s, 240 s...; exhausted at 10. */
    private final AttemptBudget budget = new AttemptBudget(3, BASE, MAX, 10, Duration.ZERO);

    @Test
    void decideWhenNoFailuresThenAllowedAsFirst() {
        assertThat(budget.decide(0, null, T0)).isEqualTo(new Allowed(1));
    }

    @Test
    void decideWhenWithinFreeFailuresThenAllowedAtOnce() {
        assertThat(budget.decide(1, T0, T0)).isEqualTo(new Allowed(2));
        assertThat(budget.decide(2, T0, T0)).isEqualTo(new Allowed(3));
    }

    @ParameterizedTest(name = "after {0} failures wait {1} s")
    @CsvSource({
            "3,  30",
            "4,  60",
            "5,  120",
            "6,  240",
            "7,  240",
            "9,  240",
    })
    void decideWhenFreeFailuresUsedThenThrottledUntilDoublingDelayCappedAtMax(int failures, long waitSeconds) {
        Instant last = T0.plusSeconds(17);
        Instant retryAt = last.plusSeconds(waitSeconds);

        assertThat(budget.decide(failures, last, last)).isEqualTo(new Throttled(retryAt));
        assertThat(budget.decide(failures, last, retryAt.minusNanos(1))).isEqualTo(new Throttled(retryAt));
        assertThat(budget.decide(failures, last, retryAt)).isEqualTo(new Allowed(failures + 1));
        assertThat(budget.decide(failures, last, retryAt.plus(Duration.ofDays(1)))).isEqualTo(new Allowed(failures + 1));
    }

    @Test
    void decideWhenHardLimitReachedThenExhaustedHoweverLongAgo() {
        assertThat(budget.decide(10, T0, T0)).isEqualTo(new Exhausted());
        assertThat(budget.decide(10, T0, T0.plus(Duration.ofDays(365)))).isEqualTo(new Exhausted());
        assertThat(budget.decide(11, T0, T0)).isEqualTo(new Exhausted());
    }

    @Test
    void decideWhenNoHardLimitThenThrottledAtMaxDelayForever() {
        AttemptBudget noLimit = new AttemptBudget(3, BASE, MAX, 0, Duration.ZERO);

        assertThat(noLimit.decide(1_000_000, T0, T0)).isEqualTo(new Throttled(T0.plus(MAX)));
        assertThat(noLimit.decide(Integer.MAX_VALUE - 1, T0, T0.plus(MAX))).isEqualTo(new Allowed(Integer.MAX_VALUE));
    }

    @Test
    void decideWhenQuietForForgetAfterThenFailuresForgotten() {
        AttemptBudget forgetting = new AttemptBudget(3, BASE, MAX, 0, Duration.ofHours(1));

        assertThat(forgetting.decide(8, T0, T0.plus(Duration.ofHours(1)).minusNanos(1))).isEqualTo(new Allowed(9));
        assertThat(forgetting.decide(8, T0, T0.plus(Duration.ofHours(1)))).isEqualTo(new Allowed(1));
        assertThat(forgetting.effectiveFailures(8, T0, T0.plus(Duration.ofHours(1)).minusNanos(1))).isEqualTo(8);
        assertThat(forgetting.effectiveFailures(8, T0, T0.plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void decideWhenForgetAfterZeroThenNeverForgotten() {
        assertThat(budget.effectiveFailures(5, T0, T0.plus(Duration.ofDays(10_000)))).isEqualTo(5);
    }

    @Test
    void effectiveFailuresWhenNoLastFailureThenZero() {
        assertThat(budget.effectiveFailures(0, T0, T0)).isZero();
        assertThat(budget.effectiveFailures(4, null, T0)).isZero();
    }

    @Test
    void delayAfterWhenFailuresGrowThenZeroThenBaseDoublingUpToMax() {
        assertThat(budget.delayAfter(0)).isZero();
        assertThat(budget.delayAfter(2)).isZero();
        assertThat(budget.delayAfter(3)).isEqualTo(Duration.ofSeconds(30));
        assertThat(budget.delayAfter(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(budget.delayAfter(5)).isEqualTo(Duration.ofSeconds(120));
        assertThat(budget.delayAfter(6)).isEqualTo(Duration.ofSeconds(240));
        assertThat(budget.delayAfter(7)).isEqualTo(MAX);
        // The doubling stops at 2^30 so a huge count cannot overflow the shift or the Duration.
        assertThat(budget.delayAfter(Integer.MAX_VALUE)).isEqualTo(MAX);
    }

    @Test
    void decideWhenWalkedThroughLikeARepositoryThenRetryTimesAreExact() {
        List<AttemptDecision> decisions = new ArrayList<>();
        int failures = 0;
        Instant last = null;
        // Each attempt is made as soon as it is allowed and fails.
        Instant now = T0;
        for (int i = 0; i < 12; i++) {
            AttemptDecision decision = budget.decide(failures, last, now);
            decisions.add(decision);
            if (decision instanceof Allowed allowed) {
                failures = allowed.failuresCounted();
                last = now;
            } else if (decision instanceof Throttled throttled) {
                now = throttled.retryAt();
            }
        }

        assertThat(decisions).containsExactly(
                new Allowed(1), new Allowed(2), new Allowed(3),
                new Throttled(T0.plusSeconds(30)), new Allowed(4),
                new Throttled(T0.plusSeconds(30 + 60)), new Allowed(5),
                new Throttled(T0.plusSeconds(30 + 60 + 120)), new Allowed(6),
                new Throttled(T0.plusSeconds(30 + 60 + 120 + 240)), new Allowed(7),
                new Throttled(T0.plusSeconds(30 + 60 + 120 + 240 + 240)));
    }

    @Test
    void constructorWhenNullDurationsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> new AttemptBudget(3, null, MAX, 0, Duration.ZERO))
                .withMessage("baseDelay");
        assertThatNullPointerException().isThrownBy(() -> new AttemptBudget(3, BASE, null, 0, Duration.ZERO))
                .withMessage("maxDelay");
        assertThatNullPointerException().isThrownBy(() -> new AttemptBudget(3, BASE, MAX, 0, null))
                .withMessage("forgetAfter");
    }

    @Test
    void constructorWhenNoFreeFailureThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AttemptBudget(0, BASE, MAX, 0, Duration.ZERO))
                .withMessage("freeFailures must be at least 1, was 0");
    }

    @Test
    void constructorWhenDelaysNotPositiveOrMaxBelowBaseThenRejected() {
        String message = "delays must be positive with maxDelay >= baseDelay";
        assertThatIllegalArgumentException().isThrownBy(() -> new AttemptBudget(3, Duration.ZERO, MAX, 0, Duration.ZERO))
                .withMessage(message);
        assertThatIllegalArgumentException().isThrownBy(() -> new AttemptBudget(3, Duration.ofSeconds(-1), MAX, 0, Duration.ZERO))
                .withMessage(message);
        assertThatIllegalArgumentException().isThrownBy(() -> new AttemptBudget(3, BASE, BASE.minusNanos(1), 0, Duration.ZERO))
                .withMessage(message);
        assertThat(new AttemptBudget(3, BASE, BASE, 0, Duration.ZERO).delayAfter(10)).isEqualTo(BASE);
    }

    @ParameterizedTest
    @CsvSource({"-1", "101"})
    void constructorWhenHardLimitOutsideNistRangeThenRejected(int hardLimit) {
        assertThatIllegalArgumentException().isThrownBy(() -> new AttemptBudget(3, BASE, MAX, hardLimit, Duration.ZERO))
                .withMessage("hardLimit must be 0 (none) to 100 (NIST SP 800-63B), was " + hardLimit);
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "5, 3"})
    void constructorWhenHardLimitNotAboveFreeFailuresThenRejected(int freeFailures, int hardLimit) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AttemptBudget(freeFailures, BASE, MAX, hardLimit, Duration.ZERO))
                .withMessage("hardLimit must exceed freeFailures");
    }

    @Test
    void constructorWhenForgetAfterNegativeThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AttemptBudget(3, BASE, MAX, 0, Duration.ofSeconds(-1)))
                .withMessage("forgetAfter must be zero (never) or at least maxDelay");
    }

    @Test
    void constructorWhenBoundsThenAccepted() {
        assertThat(new AttemptBudget(1, Duration.ofNanos(1), Duration.ofNanos(1), 100, Duration.ZERO).hardLimit())
                .isEqualTo(100);
        assertThat(new AttemptBudget(99, BASE, MAX, 100, Duration.ZERO).freeFailures()).isEqualTo(99);
    }

    /**
     * However an attacker times attempts, within any span of time the attempts let through are at most
     * {@code freeFailures} plus the number of consecutive back-off delays (starting from the first,
     * shortest one) that fit in the span. Every allowed attempt is taken to fail, as a guessing attacker's do.
     */
    @Property(tries = 300)
    void decideWhenAnyAttemptTimingThenAllowedAttemptsInAnySpanBounded(
            @ForAll("budgets") AttemptBudget budget,
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 400) Integer> gapsSeconds) {
        List<Instant> allowedAt = simulate(budget, gapsSeconds);

        long[] cumulative = cumulativeDelaySeconds(budget, 400L * 120);
        for (int i = 0; i < allowedAt.size(); i++) {
            for (int j = i; j < allowedAt.size(); j++) {
                long span = Duration.between(allowedAt.get(i), allowedAt.get(j)).toSeconds();
                int allowed = j - i + 1;
                assertThat(allowed)
                        .as("%d allowed within %d s by %s", allowed, span, budget)
                        .isLessThanOrEqualTo(budget.freeFailures() + delaysFitting(cumulative, span));
            }
        }
        if (budget.hardLimit() > 0) {
            assertThat(allowedAt).hasSizeLessThanOrEqualTo(budget.hardLimit());
        }
    }

    /**
     * With a quiet period that forgets failures, each quiet period that fits in a span can restart the
     * count, so the bound above holds per period: (periods fitting + 1) × (free + delays fitting).
     */
    @Property(tries = 300)
    void decideWhenForgettingAndAnyAttemptTimingThenAllowedAttemptsBoundedPerQuietPeriod(
            @ForAll("budgets") AttemptBudget strict,
            @ForAll @IntRange(min = 1, max = 3_600) int forgetAfterSeconds,
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 400) Integer> gapsSeconds) {
        AttemptBudget budget = new AttemptBudget(strict.freeFailures(), strict.baseDelay(), strict.maxDelay(),
                strict.hardLimit(), maxOf(Duration.ofSeconds(forgetAfterSeconds), strict.maxDelay()));
        List<Instant> allowedAt = simulate(budget, gapsSeconds);

        long[] cumulative = cumulativeDelaySeconds(budget, 400L * 120);
        for (int i = 0; i < allowedAt.size(); i++) {
            for (int j = i; j < allowedAt.size(); j++) {
                long span = Duration.between(allowedAt.get(i), allowedAt.get(j)).toSeconds();
                long periods = span / forgetAfterSeconds + 1;
                assertThat((long) (j - i + 1))
                        .as("allowed within %d s by %s", span, budget)
                        .isLessThanOrEqualTo(periods * (budget.freeFailures() + delaysFitting(cumulative, span)));
            }
        }
    }

    /** Runs attempts at T0 + the running sum of the gaps; every allowed one fails. Returns when each was allowed. */
    private static List<Instant> simulate(AttemptBudget budget, List<Integer> gapsSeconds) {
        List<Instant> allowedAt = new ArrayList<>();
        int failures = 0;
        Instant last = null;
        Instant now = T0;
        for (int gap : gapsSeconds) {
            now = now.plusSeconds(gap);
            AttemptDecision decision = budget.decide(failures, last, now);
            switch (decision) {
                case Allowed allowed -> {
                    assertThat(allowed.failuresCounted()).isEqualTo(budget.effectiveFailures(failures, last, now) + 1);
                    failures = allowed.failuresCounted();
                    last = now;
                    allowedAt.add(now);
                }
                case Throttled throttled -> assertThat(throttled.retryAt()).isAfter(now);
                case Exhausted exhausted -> assertThat(budget.hardLimit()).isPositive();
            }
        }
        return allowedAt;
    }

    /** cumulative[m] = the first m back-off delays added up, in seconds, as far as {@code horizon}. */
    private static long[] cumulativeDelaySeconds(AttemptBudget budget, long horizon) {
        List<Long> sums = new ArrayList<>(List.of(0L));
        long total = 0;
        for (int k = 0; total <= horizon; k++) {
            total += budget.delayAfter(budget.freeFailures() + k).toSeconds();
            sums.add(total);
        }
        return sums.stream().mapToLong(Long::longValue).toArray();
    }

    /** The largest m such that the first m delays fit in {@code span} seconds. */
    private static int delaysFitting(long[] cumulative, long span) {
        // cumulative is strictly increasing (every delay is at least one second) and cumulative[0] = 0.
        int found = Arrays.binarySearch(cumulative, span);
        return found >= 0 ? found : -found - 2;
    }

    @Provide
    Arbitrary<AttemptBudget> budgets() {
        Arbitrary<Integer> free = Arbitraries.integers().between(1, 10);
        Arbitrary<Integer> baseSeconds = Arbitraries.integers().between(1, 60);
        Arbitrary<Integer> maxFactor = Arbitraries.integers().between(1, 64);
        Arbitrary<Integer> extraForLimit = Arbitraries.integers().between(0, 40);
        return Combinators.combine(free, baseSeconds, maxFactor, extraForLimit).as((f, b, factor, extra) ->
                new AttemptBudget(f, Duration.ofSeconds(b), Duration.ofSeconds((long) b * factor),
                        extra == 0 ? 0 : f + extra, Duration.ZERO));
    }

    private static Duration maxOf(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Test
    void constructorWhenForgetAfterShorterThanMaxDelayThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AttemptBudget(3, BASE, MAX, 0, MAX.minusSeconds(1)))
                .withMessage("forgetAfter must be zero (never) or at least maxDelay");
    }

    @Test
    void decideWhenExhaustedThenStaysExhaustedAfterAnyQuietPeriod() {
        AttemptBudget budget = new AttemptBudget(2, BASE, MAX, 5, MAX);
        Instant last = Instant.parse("2026-11-25T00:00:00Z");

        assertThat(budget.decide(5, last, last.plus(Duration.ofDays(365)))).isInstanceOf(AttemptDecision.Exhausted.class);
    }
}
