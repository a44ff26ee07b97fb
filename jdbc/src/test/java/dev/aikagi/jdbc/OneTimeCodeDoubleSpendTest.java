package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.code.CodePurpose;
import dev.aikagi.core.code.OneTimeCode;
import dev.aikagi.core.crypto.KeyedDigest;
import dev.aikagi.testkit.Race;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One SMS or email code submitted by many requests at once is accepted once, and of many codes sent at once
 * only one is valid (docs/STYLE.md rules 10 and 30). The code-by-message counterpart of BackupCodeDoubleSpendTest
 * (ory/kratos HackerOne #3692149: a code checked and then marked used in separate statements).
 */
class OneTimeCodeDoubleSpendTest {

    private static final int ROUNDS = 50;
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final CodePurpose PURPOSE = CodePurpose.LOGIN_SMS;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void markUsedWhen64RequestsSubmitTheSameCodeThenExactlyOneSucceeds(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcOneTimeCodeRepository codes = new JdbcOneTimeCodeRepository(database.dataSource());
            AccountId owner = newAccount(database);

            for (int round = 0; round < ROUNDS; round++) {
                Instant sentAt = T0.plusSeconds(60L * round);
                OneTimeCode code = code(owner, sentAt);
                codes.issue(code);
                Instant now = sentAt.plusSeconds(5);

                List<Boolean> results = race.run(i -> codes.markUsed(code.id(), now));

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
            }
            assertThat(codes.recent(owner, PURPOSE, ROUNDS)).hasSize(ROUNDS)
                    .allSatisfy(c -> assertThat(c.usedAt()).isNotNull());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void issueWhen64CodesAreSentAtOnceThenExactlyOneIsUsable(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcOneTimeCodeRepository codes = new JdbcOneTimeCodeRepository(database.dataSource());
            AccountId owner = newAccount(database);
            int rounds = ROUNDS / 5;

            for (int round = 0; round < rounds; round++) {
                Instant sentAt = T0.plusSeconds(60L * round);

                // "Send again" pressed on many nodes at once: each supersedes what it finds, then inserts.
                List<UUID> sent = race.run(i -> {
                    OneTimeCode code = code(owner, sentAt);
                    codes.issue(code);
                    return code.id();
                });

                List<OneTimeCode> usable = codes.recent(owner, PURPOSE, Race.THREADS * rounds).stream()
                        .filter(c -> c.isUsable(sentAt))
                        .toList();
                assertThat(usable).as("round %d on %s", round, kind).hasSize(1);
                assertThat(sent).contains(usable.getFirst().id());
                List<Boolean> used = race.run(i -> codes.markUsed(sent.get(i), sentAt.plusSeconds(1)));
                assertThat(used).as("round %d on %s", round, kind).containsOnlyOnce(true);
            }
        }
    }

    private static AccountId newAccount(TestDatabase database) {
        Account owner = account().build();
        new JdbcAccountRepository(database.dataSource()).create(owner);
        return owner.id();
    }

    private static OneTimeCode code(AccountId owner, Instant createdAt) {
        return new OneTimeCode(UUID.randomUUID(), owner, PURPOSE, UUID.randomUUID().toString(),
                new KeyedDigest("k1", new byte[16], new byte[32]), createdAt, createdAt.plus(PURPOSE.lifetime()),
                null, null);
    }
}
