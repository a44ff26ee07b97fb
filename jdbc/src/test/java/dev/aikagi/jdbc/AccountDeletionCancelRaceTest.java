package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.PendingDeletion;
import dev.aikagi.testkit.Race;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cancel link of a deletion notice followed by many requests at once keeps the account once (docs/STYLE.md rule
 * 10): one conditional delete decides, so the audit shows one cancellation, never several.
 */
class AccountDeletionCancelRaceTest {

    private static final int ROUNDS = 20;
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void cancelByTokenWhenManyRequestsAtOnceThenExactlyOneKeepsTheAccount(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcAccountDeletionRepository deletions = new JdbcAccountDeletionRepository(database.dataSource());
            JdbcAccountRepository accounts = new JdbcAccountRepository(database.dataSource());
            for (int round = 0; round < ROUNDS; round++) {
                Account owner = account().build();
                accounts.create(owner);
                String hash = String.format("%064x", round + 1);
                deletions.schedule(new PendingDeletion(owner.id(), T0, T0.plusSeconds(3600), hash));

                List<Optional<AccountId>> results = race.run(i -> deletions.cancelByToken(hash, T0.plusSeconds(1)));

                assertThat(results).as("round %d on %s", round, kind).filteredOn(Optional::isPresent)
                        .containsExactly(Optional.of(owner.id()));
                assertThat(deletions.find(owner.id())).isEmpty();
            }
        }
    }

    /** The checkup's nudge: of logins finishing at once, one is nudged (the first insert or the one update wins). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void claimNudgeWhenManyLoginsAtOnceThenExactlyOneIsNudged(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcCheckupNudgeRepository nudges = new JdbcCheckupNudgeRepository(database.dataSource());
            JdbcAccountRepository accounts = new JdbcAccountRepository(database.dataSource());
            for (int round = 0; round < ROUNDS; round++) {
                Account owner = account().build();
                accounts.create(owner);

                List<Boolean> first = race.run(i -> nudges.claim(owner.id(), java.util.UUID.randomUUID(), T0, T0));
                Instant nextWeek = T0.plus(java.time.Duration.ofDays(8));
                List<Boolean> later = race.run(i -> nudges.claim(owner.id(), java.util.UUID.randomUUID(), nextWeek,
                        nextWeek.minus(java.time.Duration.ofDays(7))));

                assertThat(first).as("round %d on %s, new row", round, kind).containsOnlyOnce(true);
                assertThat(later).as("round %d on %s, a week on", round, kind).containsOnlyOnce(true);
            }
        }
    }
}
