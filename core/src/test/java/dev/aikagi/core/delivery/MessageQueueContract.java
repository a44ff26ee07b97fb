package dev.aikagi.core.delivery;

import static dev.aikagi.core.delivery.TestQueuedMessages.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageQueue} must do. Subclasses supply the implementation under test. The claim rules
 * are what keep two nodes from sending one message at once: a claim is taken only from a PENDING message
 * whose previous claim (if any) has lapsed, and every outcome releases it.
 */
public abstract class MessageQueueContract {

    private static final Instant T0 = TestQueuedMessages.CREATED_AT;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private MessageQueue queue;

    /** An empty queue. */
    protected abstract MessageQueue createQueue();

    @BeforeEach
    void setUpQueue() {
        queue = createQueue();
    }

    @Test
    void enqueueWhenNewThenFindReturnsWhatWasStored() {
        QueuedMessage message = queued()
                .channel(Channel.EMAIL)
                .recipient("hanako@example.jp")
                .subject("Aikagi のログインコード – naïve 😀")
                .sealedBody("k1:" + "A".repeat(15_000))
                .kind("alert.backup_code_used")
                .createdAt(T0.plus(MICRO.multipliedBy(3)))
                .expiresAt(T0.plus(Duration.ofHours(24)))
                .build();

        queue.enqueue(message);

        assertThat(queue.find(message.id())).contains(message);
    }

    @Test
    void enqueueWhenNoAccountThenNullRoundTrips() {
        QueuedMessage message = queued().accountId(null).build();

        queue.enqueue(message);

        assertThat(queue.find(message.id())).contains(message);
        assertThat(queue.find(message.id()).orElseThrow().accountId()).isNull();
    }

    @Test
    void enqueueWhenIdTakenThenConflictAndFirstKept() {
        QueuedMessage first = queued().build();
        queue.enqueue(first);

        assertThatThrownBy(() -> queue.enqueue(queued().id(first.id()).recipient("+81311112222").build()))
                .isInstanceOf(Conflict.class);

        assertThat(queue.find(first.id())).contains(first);
    }

    @Test
    void findWhenUnknownThenEmpty() {
        queue.enqueue(queued().build());

        assertThat(queue.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void claimWhenPendingAndFreeThenClaimedUntilNowPlusLease() {
        QueuedMessage message = queued().build();
        queue.enqueue(message);
        Instant now = T0.plusSeconds(5);

        QueuedMessage claimed = queue.claim(message.id(), now, LEASE).orElseThrow();

        assertThat(claimed.claimedUntil()).isEqualTo(now.plus(LEASE));
        assertThat(claimed).usingRecursiveComparison().ignoringFields("claimedUntil").isEqualTo(message);
        assertThat(queue.find(message.id())).contains(claimed);
    }

    @Test
    void claimWhenAnotherClaimLiveThenEmptyUntilItLapses() {
        QueuedMessage message = queued().build();
        queue.enqueue(message);
        Instant first = T0.plusSeconds(1);
        queue.claim(message.id(), first, LEASE).orElseThrow();

        assertThat(queue.claim(message.id(), first, LEASE)).isEmpty();
        assertThat(queue.claim(message.id(), first.plus(LEASE).minus(MICRO), LEASE)).isEmpty();
        // A node that died while holding the claim delays the message by the lease, no more.
        assertThat(queue.claim(message.id(), first.plus(LEASE), LEASE)).isPresent();
    }

    @Test
    void claimWhenNotDueYetThenClaimedAnyway() {
        // sendNow tries at once whatever the schedule; only claimDue respects it.
        QueuedMessage message = queued().nextAttemptAt(T0.plusSeconds(600)).attempts(2).build();
        queue.enqueue(message);

        assertThat(queue.claim(message.id(), T0, LEASE)).isPresent();
    }

    @Test
    void claimWhenSentOrFailedOrUnknownThenEmpty() {
        QueuedMessage sent = queued().state(DeliveryState.SENT).attempts(1).sentAt(T0).build();
        QueuedMessage failed = queued().state(DeliveryState.FAILED).attempts(8).lastError("HTTP 400").build();
        queue.enqueue(sent);
        queue.enqueue(failed);

        assertThat(queue.claim(sent.id(), T0, LEASE)).isEmpty();
        assertThat(queue.claim(failed.id(), T0, LEASE)).isEmpty();
        assertThat(queue.claim(UUID.randomUUID(), T0, LEASE)).isEmpty();
        assertThat(queue.find(sent.id())).contains(sent);
        assertThat(queue.find(failed.id())).contains(failed);
    }

    @Test
    void claimDueWhenSomeNotDueThenOnlyDueOnesLongestDueFirstUpToLimit() {
        Instant now = T0.plusSeconds(100);
        QueuedMessage dueLast = queued().nextAttemptAt(now).build();
        QueuedMessage dueFirst = queued().nextAttemptAt(T0).build();
        QueuedMessage dueSecond = queued().nextAttemptAt(T0.plusSeconds(30)).attempts(1).build();
        QueuedMessage notYet = queued().nextAttemptAt(now.plus(MICRO)).attempts(1).build();
        List.of(dueLast, dueFirst, dueSecond, notYet).forEach(queue::enqueue);

        List<QueuedMessage> firstTwo = queue.claimDue(now, LEASE, 2);
        List<QueuedMessage> rest = queue.claimDue(now, LEASE, 10);

        assertThat(firstTwo).extracting(QueuedMessage::id).containsExactly(dueFirst.id(), dueSecond.id());
        assertThat(firstTwo).allSatisfy(m -> assertThat(m.claimedUntil()).isEqualTo(now.plus(LEASE)));
        assertThat(firstTwo.get(1)).usingRecursiveComparison().ignoringFields("claimedUntil").isEqualTo(dueSecond);
        assertThat(rest).extracting(QueuedMessage::id).containsExactly(dueLast.id());
        assertThat(queue.claimDue(now, LEASE, 10)).isEmpty();
        assertThat(queue.find(notYet.id()).orElseThrow().claimedUntil()).isNull();
    }

    @Test
    void claimDueWhenClaimLiveOrFinishedThenSkippedAndLapsedClaimTakenAgain() {
        QueuedMessage held = queued().claimedUntil(T0.plusSeconds(61)).build();
        QueuedMessage lapsed = queued().claimedUntil(T0.plusSeconds(60)).build();
        QueuedMessage sent = queued().state(DeliveryState.SENT).attempts(1).sentAt(T0).build();
        QueuedMessage failed = queued().state(DeliveryState.FAILED).lastError("expired").build();
        List.of(held, lapsed, sent, failed).forEach(queue::enqueue);

        List<QueuedMessage> claimed = queue.claimDue(T0.plusSeconds(60), LEASE, 10);

        assertThat(claimed).extracting(QueuedMessage::id).containsExactly(lapsed.id());
        assertThat(queue.find(held.id())).contains(held);
    }

    @Test
    void claimDueWhenEmptyThenEmpty() {
        assertThat(queue.claimDue(T0, LEASE, 50)).isEmpty();
    }

    @Test
    void claimDueWhenLimitNotPositiveThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> queue.claimDue(T0, LEASE, 0));
    }

    @Test
    void markSentWhenClaimedThenSentOneAttemptMoreAndReleased() {
        QueuedMessage message = queued().attempts(2).lastError("HTTP 503").build();
        queue.enqueue(message);
        queue.claim(message.id(), T0, LEASE).orElseThrow();

        queue.markSent(message.id(), T0.plusSeconds(2));

        QueuedMessage sent = queue.find(message.id()).orElseThrow();
        assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(sent.claimedUntil()).isNull();
        assertThat(queue.claim(message.id(), T0.plusSeconds(3), LEASE)).isEmpty();
    }

    @Test
    void retryLaterWhenClaimedThenPendingOneAttemptMoreReleasedAndDueOnlyThen() {
        QueuedMessage message = queued().build();
        queue.enqueue(message);
        queue.claimDue(T0, LEASE, 1);
        Instant next = T0.plusSeconds(30);

        queue.retryLater(message.id(), next, "HTTP 503");

        QueuedMessage pending = queue.find(message.id()).orElseThrow();
        assertThat(pending.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.nextAttemptAt()).isEqualTo(next);
        assertThat(pending.lastError()).isEqualTo("HTTP 503");
        assertThat(pending.claimedUntil()).isNull();
        assertThat(pending.sentAt()).isNull();
        assertThat(queue.claimDue(next.minus(MICRO), LEASE, 10)).isEmpty();
        assertThat(queue.claimDue(next, LEASE, 10)).extracting(QueuedMessage::id).containsExactly(message.id());
    }

    @Test
    void giveUpWhenAttemptedThenFailedAndCounted() {
        QueuedMessage message = queued().attempts(1).build();
        queue.enqueue(message);
        queue.claim(message.id(), T0, LEASE).orElseThrow();

        queue.giveUp(message.id(), true, "HTTP 400");

        QueuedMessage failed = queue.find(message.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError()).isEqualTo("HTTP 400");
        assertThat(failed.claimedUntil()).isNull();
        assertThat(queue.claimDue(T0.plusSeconds(3600), LEASE, 10)).isEmpty();
    }

    @Test
    void giveUpWhenNotAttemptedThenFailedAndNotCounted() {
        QueuedMessage message = queued().attempts(1).build();
        queue.enqueue(message);

        queue.giveUp(message.id(), false, "expired before it could be sent");

        QueuedMessage failed = queue.find(message.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("expired before it could be sent");
    }

    @Test
    void outcomesWhenMessageAlreadyFinishedThenNothingChanges() {
        QueuedMessage failed = queued().state(DeliveryState.FAILED).attempts(8).lastError("given up").build();
        QueuedMessage sent = queued().state(DeliveryState.SENT).attempts(1).sentAt(T0).build();
        queue.enqueue(failed);
        queue.enqueue(sent);

        queue.markSent(failed.id(), T0.plusSeconds(1));
        queue.retryLater(sent.id(), T0.plusSeconds(30), "late");
        queue.giveUp(sent.id(), true, "late");

        assertThat(queue.find(failed.id())).contains(failed);
        assertThat(queue.find(sent.id())).contains(sent);
    }

    @Test
    void retryLaterWhenErrorLongerThanTheColumnThenCut() {
        QueuedMessage message = queued().build();
        queue.enqueue(message);

        queue.retryLater(message.id(), T0.plusSeconds(30), "x".repeat(2_000));

        assertThat(queue.find(message.id()).orElseThrow().lastError()).isEqualTo("x".repeat(Deliveries.MAX_ERROR_LENGTH));
    }

    @Test
    void deleteFinishedBeforeWhenMixedThenOnlyOldFinishedOnesDeleted() {
        Instant cutoff = T0.plus(Duration.ofDays(7));
        QueuedMessage oldSent = queued().state(DeliveryState.SENT).attempts(1).sentAt(T0).build();
        QueuedMessage oldFailed = queued().state(DeliveryState.FAILED).lastError("expired").build();
        QueuedMessage oldPending = queued().build();
        QueuedMessage newSent = queued().createdAt(cutoff).state(DeliveryState.SENT).attempts(1).sentAt(cutoff).build();
        List.of(oldSent, oldFailed, oldPending, newSent).forEach(queue::enqueue);

        assertThat(queue.deleteFinishedBefore(cutoff)).isEqualTo(2);

        assertThat(queue.find(oldSent.id())).isEmpty();
        assertThat(queue.find(oldFailed.id())).isEmpty();
        assertThat(queue.find(oldPending.id())).contains(oldPending);
        assertThat(queue.find(newSent.id())).contains(newSent);
        assertThat(queue.deleteFinishedBefore(cutoff)).isZero();
    }
}
