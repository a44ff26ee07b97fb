package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.factor.totp.TestTotpFactors;
import dev.aikagi.core.factor.totp.TotpFactor;
import dev.aikagi.testkit.Race;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TOTP code replayed by many requests at once is accepted once (RFC 6238 §5.2). Regression test for
 * Keycloak #13607, where the same one-time password could be used again within its time step.
 */
class TotpStepReplayTest {

    private static final int ROUNDS = 200;
    private static final long FIRST_STEP = 59_000_000L;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void recordAcceptedStepWhen64RequestsSubmitTheSameStepThenExactlyOneSucceeds(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcTotpFactorRepository factors = new JdbcTotpFactorRepository(database.dataSource());
            Account owner = account().build();
            new JdbcAccountRepository(database.dataSource()).create(owner);
            TotpFactor factor = TestTotpFactors.pending(owner.id());
            factors.createPending(factor);
            factors.confirm(factor.id(), FIRST_STEP, Instant.parse("2026-04-01T08:00:00Z"));

            for (int round = 1; round <= ROUNDS; round++) {
                long step = FIRST_STEP + round;

                List<Boolean> results = race.run(i -> factors.recordAcceptedStep(factor.id(), step, java.time.Instant.EPOCH));

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
            }
            assertThat(factors.findConfirmed(owner.id())).map(TotpFactor::lastAcceptedStep)
                    .contains(FIRST_STEP + ROUNDS);
        }
    }
}
