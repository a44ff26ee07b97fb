package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Links made at the same moment by many requests merge into one consistent group (docs/STYLE.md rule 30).
 * Locking only the two accounts of each link lets two links re-label the same group under different ids
 * and split it; this test catches that.
 */
class AccountLinkRaceTest {

    private static final int THREADS = 32;
    private static final int ACCOUNTS = 2 * THREADS;
    private static final int ROUNDS = 10;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void linkWhen32RequestsJoinOverlappingGroupsAtOnceThenOneConsistentGroup(TestDatabase.Kind kind) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (TestDatabase database = TestDatabase.open(kind, THREADS + 1)) {
            JdbcAccountLinkRepository links = new JdbcAccountLinkRepository(database.dataSource());
            JdbcAccountRepository accounts = new JdbcAccountRepository(database.dataSource());
            JdbcClient jdbc = JdbcClient.create(database.dataSource());

            for (int round = 0; round < ROUNDS; round++) {
                List<AccountId> ids = IntStream.range(0, ACCOUNTS).mapToObj(i -> {
                    Account account = account().build();
                    accounts.create(account);
                    return account.id();
                }).toList();
                // 32 groups of two; then thread i links group i to group i + 1 (the last closes the ring),
                // so every request merges groups that its neighbours are merging too.
                for (int i = 0; i < ACCOUNTS; i += 2) {
                    links.link(ids.get(i), ids.get(i + 1));
                }
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<?>> requests = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    AccountId a = ids.get(2 * t + 1);
                    AccountId b = ids.get((2 * t + 2) % ACCOUNTS);
                    requests.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        links.link(a, b);
                        return null;
                    }));
                }
                for (Future<?> request : requests) {
                    request.get(60, TimeUnit.SECONDS);
                }

                for (AccountId id : ids) {
                    assertThat(links.group(id)).as("round %d on %s", round, kind).containsExactlyInAnyOrderElementsOf(ids);
                }
                List<UUID> groupIds = jdbc.sql("select distinct group_id from account_link where account_id in (:ids)")
                        .param("ids", ids.stream().map(AccountId::value).toList())
                        .query(UUID.class).list();
                assertThat(groupIds).as("one group id, and it is a member's").singleElement()
                        .satisfies(g -> assertThat(ids).contains(new AccountId(g)));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
