package dev.aikagi.jdbc;

import static dev.aikagi.core.delivery.TestQueuedMessages.queued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.delivery.QueuedMessage;
import dev.aikagi.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nodes that claim messages at the same moment never both get one (docs/STYLE.md rules 10 and 30): otherwise
 * an SMS code would be sent twice, by two nodes of the dispatcher or by a request and the dispatcher.
 */
class MessageClaimRaceTest {

    private static final int MESSAGES = 400;
    private static final int BATCH = 5;
    private static final int ROUNDS = 50;
    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00.123456Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void claimDueWhen64NodesDispatchTheSameMessagesThenEachIsClaimedExactlyOnce(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcMessageQueue queue = new JdbcMessageQueue(database.dataSource());
            Set<UUID> enqueued = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                QueuedMessage message = queued().createdAt(T0.plusNanos(1_000L * (i % 7))).build();
                queue.enqueue(message);
                enqueued.add(message.id());
            }
            Instant now = T0.plusSeconds(1);

            // Each node takes small batches until nothing is left, like dispatchers on many nodes.
            List<List<UUID>> perNode = race.run(node -> {
                List<UUID> mine = new ArrayList<>();
                for (List<QueuedMessage> batch = queue.claimDue(now, LEASE, BATCH); !batch.isEmpty();
                     batch = queue.claimDue(now, LEASE, BATCH)) {
                    assertThat(batch).hasSizeLessThanOrEqualTo(BATCH)
                            .allSatisfy(m -> assertThat(m.claimedUntil()).isEqualTo(now.plus(LEASE)));
                    batch.forEach(m -> mine.add(m.id()));
                }
                return mine;
            });

            List<UUID> claimed = perNode.stream().flatMap(List::stream).toList();
            assertThat(claimed).as("on %s", kind).doesNotHaveDuplicates().hasSize(MESSAGES);
            assertThat(new HashSet<>(claimed)).isEqualTo(enqueued);
            assertThat(queue.claimDue(now, LEASE, MESSAGES)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void claimWhen64CallersClaimOneMessageAtOnceThenExactlyOneGetsIt(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcMessageQueue queue = new JdbcMessageQueue(database.dataSource());

            for (int round = 0; round < ROUNDS; round++) {
                QueuedMessage message = queued().build();
                queue.enqueue(message);
                // The request that enqueued it (sendNow) against dispatchers on other nodes.
                Instant now = T0.plusSeconds(round);

                List<Boolean> results = race.run(i -> i % 2 == 0
                        ? queue.claim(message.id(), now, LEASE).isPresent()
                        : queue.claimDue(now, LEASE, 1).stream().anyMatch(m -> m.id().equals(message.id())));

                assertThat(results).as("round %d on %s", round, kind).containsOnlyOnce(true);
                queue.markSent(message.id(), now);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void claimWhenClaimLapsesWhileManyRetakeItThenExactlyOneGetsTheNewClaim(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcMessageQueue queue = new JdbcMessageQueue(database.dataSource());
            QueuedMessage message = queued().build();
            queue.enqueue(message);

            for (int round = 0; round < ROUNDS; round++) {
                // Each round starts when the previous round's claim has just lapsed (a node died).
                Instant now = T0.plus(LEASE.multipliedBy(round));

                List<Optional<QueuedMessage>> results = race.run(i -> queue.claim(message.id(), now, LEASE));

                assertThat(results.stream().filter(Optional::isPresent)).as("round %d on %s", round, kind).hasSize(1);
            }
        }
    }
}
