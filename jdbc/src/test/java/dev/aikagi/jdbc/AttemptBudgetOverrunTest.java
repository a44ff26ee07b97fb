package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guesses fired in parallel get no more tries than guesses fired one by one (docs/STYLE.md rule 11). Without
 * the row lock, every request of a burst would read "no failures yet" and be allowed.
 */
class AttemptBudgetOverrunTest {

    private static final int ROUNDS = 20;
    private static final Instant NOW = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final AttemptBudget THREE_FREE =
            new AttemptBudget(3, Duration.ofMinutes(1), Duration.ofHours(1), 10, Duration.ZERO);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void acquireWhen64RequestsArriveAtOnceThenOnlyTheFreeFailuresAreAllowed(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcAttemptRepository attempts = new JdbcAttemptRepository(database.dataSource());

            for (int round = 0; round < ROUNDS; round++) {
                // A new key each round: the requests also race to create the counter row.
                String key = "otp:account:" + UUID.randomUUID();

                List<AttemptDecision> decisions = race.run(i -> attempts.acquire(key, THREE_FREE, NOW));

                assertThat(decisions).as("round %d on %s", round, kind)
                        .filteredOn(AttemptDecision.Allowed.class::isInstance)
                        .containsExactlyInAnyOrder(new AttemptDecision.Allowed(1), new AttemptDecision.Allowed(2),
                                new AttemptDecision.Allowed(3));
                assertThat(decisions).filteredOn(d -> !(d instanceof AttemptDecision.Allowed))
                        .hasSize(Race.THREADS - 3)
                        .allSatisfy(d -> assertThat(d).isEqualTo(new AttemptDecision.Throttled(NOW.plus(Duration.ofMinutes(1)))));
                assertThat(attempts.failures(key)).isEqualTo(3);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void acquireWhen64RequestsRaceAResetThenCountsStayWithinBudget(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcAttemptRepository attempts = new JdbcAttemptRepository(database.dataSource());
            String key = "otp:account:" + UUID.randomUUID();

            for (int round = 0; round < ROUNDS; round++) {
                // Half the requests succeed and reset the counter while the other half acquire: no call
                // may fail, and the stored count never passes the free failures.
                List<AttemptDecision> decisions = race.run(i -> {
                    if (i % 2 == 0) {
                        attempts.reset(key);
                        return null;
                    }
                    return attempts.acquire(key, THREE_FREE, NOW);
                });

                assertThat(decisions.stream().filter(AttemptDecision.Allowed.class::isInstance).count())
                        .as("round %d on %s", round, kind).isLessThanOrEqualTo(Race.THREADS / 2);
                assertThat(attempts.failures(key)).isBetween(0, 3);
            }
        }
    }
}
