package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.factor.backup.BackupCodeSet;
import dev.aikagi.core.factor.backup.TestBackupCodes;
import dev.aikagi.testkit.Race;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One backup code submitted by many requests at once is accepted once (docs/STYLE.md rule 10). Regression test
 * for the double spend of ory/kratos HackerOne #3692149, where a look-up code was checked and then marked
 * used in separate statements.
 */
class BackupCodeDoubleSpendTest {

    private static final int ROUNDS = 200;
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void consumeWhen64RequestsSubmitTheSameCodeThenExactlyOneSucceeds(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcBackupCodeRepository codes = new JdbcBackupCodeRepository(database.dataSource());
            Account owner = account().build();
            new JdbcAccountRepository(database.dataSource()).create(owner);
            // One code per round, so every round races on an unused code of the current set.
            BackupCodeSet set = TestBackupCodes.set(owner.id(), T0, ROUNDS);
            codes.replace(set);

            for (int round = 0; round < ROUNDS; round++) {
                UUID codeId = set.codes().get(round).id();
                Instant usedAt = T0.plusSeconds(round);

                List<Boolean> results = race.run(i -> codes.consume(codeId, usedAt));

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
            }
            assertThat(codes.countUnused(owner.id())).isZero();
        }
    }
}
