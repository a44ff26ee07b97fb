package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.support.SupportCase;
import dev.aikagi.core.support.SupportState;
import dev.aikagi.testkit.Race;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A support case is decided once however many agents press at the same moment, and its approval link is
 * used once (docs/STYLE.md rules 10 and 30): a second decision would start a second recovery, and a second use
 * of the link would hand the recovery to two browsers.
 */
class SupportDecisionRaceTest {

    private static final int ROUNDS = 10;
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void decideWhen64AgentsApproveOrRejectAtOnceThenExactlyOneDecides(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcSupportRepository cases = new JdbcSupportRepository(database.dataSource());
            AccountId owner = newAccount(database);
            AccountId first = new AccountId(UUID.randomUUID());
            for (int round = 0; round < ROUNDS; round++) {
                SupportCase c = SupportCase.open(UUID.randomUUID(), Optional.of(owner), "hanako", "h@example.jp", "ja",
                        "lost", T0);
                cases.create(c);
                assertThat(cases.addFirstApproval(c.id(), first)).isTrue();

                // Half approve as the second of two (each a different agent), half reject.
                List<Boolean> results = race.run(i -> i % 2 == 0
                        ? cases.approve(c.id(), new AccountId(UUID.randomUUID()), "ok " + i, true, T0.plusSeconds(i))
                        : cases.reject(c.id(), new AccountId(UUID.randomUUID()), "no " + i, T0.plusSeconds(i)));

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
                int winner = results.indexOf(true);
                SupportCase decided = cases.find(c.id()).orElseThrow();
                assertThat(decided.state()).isEqualTo(winner % 2 == 0 ? SupportState.APPROVED : SupportState.REJECTED);
                assertThat(decided.reason()).endsWith(" " + winner);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void useLinkWhen64BrowsersFollowItAtOnceThenExactlyOneGetsTheRecovery(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcSupportRepository cases = new JdbcSupportRepository(database.dataSource());
            AccountId owner = newAccount(database);
            for (int round = 0; round < ROUNDS; round++) {
                SupportCase c = SupportCase.open(UUID.randomUUID(), Optional.of(owner), "hanako", "h@example.jp", "ja",
                        "lost", T0);
                cases.create(c);
                assertThat(cases.approve(c.id(), new AccountId(UUID.randomUUID()), "ok", false, T0)).isTrue();
                String digest = "digest-" + c.id();
                assertThat(cases.attachRecovery(c.id(), UUID.randomUUID(), digest)).isTrue();

                List<Boolean> results = race.run(i -> cases.useLink(digest, T0.plusSeconds(60)).isPresent());

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
                assertThat(cases.find(c.id()).orElseThrow().state()).isEqualTo(SupportState.CLOSED);
            }
        }
    }

    private static AccountId newAccount(TestDatabase database) {
        Account owner = account().build();
        new JdbcAccountRepository(database.dataSource()).create(owner);
        return owner.id();
    }
}
