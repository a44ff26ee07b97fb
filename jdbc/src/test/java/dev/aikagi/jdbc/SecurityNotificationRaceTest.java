package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two "exactly once" decisions of security notifications hold under concurrency (docs/STYLE.md rules 10 and
 * 30): a "this wasn't me" link followed by many requests at once is used once, and many first logins from
 * one device at once are reported as a new device once.
 */
class SecurityNotificationRaceTest {

    private static final int ROUNDS = 50;
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void useWhen64RequestsFollowTheSameLinkThenExactlyOneGetsTheAccount(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcAlertTokenRepository tokens = new JdbcAlertTokenRepository(database.dataSource());
            AccountId owner = newAccount(database);

            for (int round = 0; round < ROUNDS; round++) {
                String tokenHash = "%064x".formatted(round);
                tokens.create(tokenHash, owner, "LOGIN_NEW_DEVICE", T0, T0.plus(Duration.ofDays(7)));
                Instant now = T0.plusSeconds(round);

                List<Optional<AccountId>> results = race.run(i -> tokens.use(tokenHash, now));

                assertThat(results).as("round %d on %s", round, kind).filteredOn(Optional::isPresent)
                        .containsExactly(Optional.of(owner));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void rememberWhen64FirstLoginsFromOneDeviceAtOnceThenExactlyOneIsNew(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcKnownDeviceRepository devices = new JdbcKnownDeviceRepository(database.dataSource());
            AccountId owner = newAccount(database);

            for (int round = 0; round < ROUNDS; round++) {
                String deviceHash = "%064x".formatted(round);
                Instant now = T0.plusSeconds(round);

                List<Boolean> results = race.run(i -> devices.remember(owner, deviceHash, now.plusNanos(1_000L * i)));

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
            }
            assertThat(devices.forgetAll(owner)).isEqualTo(ROUNDS);
        }
    }

    private static AccountId newAccount(TestDatabase database) {
        Account owner = account().build();
        new JdbcAccountRepository(database.dataSource()).create(owner);
        return owner.id();
    }
}
