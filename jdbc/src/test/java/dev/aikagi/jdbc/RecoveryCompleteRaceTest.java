package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.recovery.RecoveryCase;
import dev.aikagi.core.recovery.RecoveryState;
import dev.aikagi.core.recovery.RecoveryTokens;
import dev.aikagi.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A recovery case starts its waiting period once and is completed once, however many nodes try at the same
 * moment (docs/STYLE.md rules 10 and 30): a second completion would open a second session allowed to replace the
 * account's factors, and a second start would move the waiting period the owner was told about.
 */
class RecoveryCompleteRaceTest {

    private static final int ROUNDS = 30;
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration MICRO = Duration.ofNanos(1_000);
    private static final Duration WAITING_PERIOD = Duration.ofHours(24);
    private static final Duration COMPLETE_WINDOW = Duration.ofHours(24);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void completeWhen64RequestsCompleteOneReadyCaseThenExactlyOneSucceeds(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcRecoveryRepository recoveries = new JdbcRecoveryRepository(database.dataSource());
            AccountId owner = newAccount(database);

            for (int round = 0; round < ROUNDS; round++) {
                RecoveryCase ready = waitingCase(owner, T0.plus(Duration.ofDays(3L * round)));
                recoveries.create(ready);
                Instant now = ready.waitingUntil().plusSeconds(5);
                assertThat(ready.state(now)).isEqualTo(RecoveryState.READY);

                List<Boolean> results = race.run(i -> recoveries.complete(ready.id(), now.plus(MICRO.multipliedBy(i))));

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
                RecoveryCase completed = recoveries.find(ready.id()).orElseThrow();
                assertThat(completed.completedAt()).as("the winner's time, round %d on %s", round, kind)
                        .isEqualTo(now.plus(MICRO.multipliedBy(results.indexOf(true))));
            }
            assertThat(recoveries.lastCompletedAt(owner)).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void startWaitingWhen64RequestsStartItAtOnceThenExactlyOneSucceeds(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcRecoveryRepository recoveries = new JdbcRecoveryRepository(database.dataSource());
            AccountId owner = newAccount(database);

            for (int round = 0; round < ROUNDS; round++) {
                Instant startedAt = T0.plus(Duration.ofDays(3L * round));
                Instant provenAt = startedAt.plusSeconds(60);
                RecoveryCase proven = new RecoveryCase(UUID.randomUUID(), RecoveryTokens.hash(UUID.randomUUID().toString()),
                        Optional.of(owner), "hanako", startedAt,
                        startedAt.plus(Duration.ofHours(1)), startedAt.plusSeconds(30), provenAt, null, null, null,
                        null);
                recoveries.create(proven);

                // Each contender asks for a slightly different period, so the stored one names the winner.
                List<Boolean> results = race.run(i -> {
                    Instant waitingUntil = provenAt.plus(WAITING_PERIOD).plus(MICRO.multipliedBy(i));
                    return recoveries.startWaiting(proven.id(), waitingUntil, waitingUntil.plus(COMPLETE_WINDOW),
                            provenAt);
                });

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
                RecoveryCase waiting = recoveries.find(proven.id()).orElseThrow();
                Instant winners = provenAt.plus(WAITING_PERIOD).plus(MICRO.multipliedBy(results.indexOf(true)));
                assertThat(waiting.waitingUntil()).as("round %d on %s", round, kind).isEqualTo(winners);
                assertThat(waiting.expiresAt()).as("round %d on %s", round, kind)
                        .isEqualTo(winners.plus(COMPLETE_WINDOW));
                assertThat(waiting.state(provenAt)).isEqualTo(RecoveryState.WAITING);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void completeWhenOwnerCancelsAtTheSameMomentThenOnlyOneOfThemTakesEffect(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcRecoveryRepository recoveries = new JdbcRecoveryRepository(database.dataSource());
            AccountId owner = newAccount(database);

            for (int round = 0; round < ROUNDS; round++) {
                RecoveryCase ready = waitingCase(owner, T0.plus(Duration.ofDays(3L * round)));
                recoveries.create(ready);
                Instant now = ready.waitingUntil().plusSeconds(5);

                // Even threads complete (the person recovering), odd ones cancel (the owner's "this wasn't me").
                List<Integer> changed = race.run(i -> i % 2 == 0
                        ? (recoveries.complete(ready.id(), now) ? 1 : 0)
                        : recoveries.cancelOpen(owner, now));

                assertThat(changed.stream().mapToInt(Integer::intValue).sum()).as("round %d on %s", round, kind)
                        .isEqualTo(1);
                RecoveryCase after = recoveries.find(ready.id()).orElseThrow();
                assertThat(after.completedAt() == null).as("completed xor cancelled, round %d on %s", round, kind)
                        .isEqualTo(after.cancelledAt() != null);
            }
        }
    }

    private static AccountId newAccount(TestDatabase database) {
        Account owner = account().build();
        new JdbcAccountRepository(database.dataSource()).create(owner);
        return owner.id();
    }

    /** Proven by email and SMS a minute after {@code startedAt}, waiting for the waiting period since. */
    private static RecoveryCase waitingCase(AccountId owner, Instant startedAt) {
        Instant provenAt = startedAt.plusSeconds(60);
        Instant waitingUntil = provenAt.plus(WAITING_PERIOD);
        return new RecoveryCase(UUID.randomUUID(), RecoveryTokens.hash(UUID.randomUUID().toString()),
                Optional.of(owner), "hanako", startedAt,
                waitingUntil.plus(COMPLETE_WINDOW), startedAt.plusSeconds(30), provenAt, null, waitingUntil, null,
                null);
    }
}
