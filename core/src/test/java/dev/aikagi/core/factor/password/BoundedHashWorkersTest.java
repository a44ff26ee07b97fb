package dev.aikagi.core.factor.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 15: hashing is a bounded resource. Latches, never sleeps: each test waits only for what it has set up. */
class BoundedHashWorkersTest {

    /** A stand-in for a hash that holds its worker until the test releases it. */
    private static final class Blocking implements Supplier<String> {
        final CountDownLatch started;
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        Blocking(int expectedToStart) {
            started = new CountDownLatch(expectedToStart);
        }

        @Override
        public String get() {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
            return Thread.currentThread().getName();
        }
    }

    @Test
    void runWhenMoreCallersThanWorkersThenNeverMoreHashesAtOnceThanWorkers() throws Exception {
        try (BoundedHashWorkers workers = new BoundedHashWorkers(2, 8)) {
            Blocking hash = new Blocking(2);
            List<Thread> callers = new ArrayList<>();
            List<String> ranOn = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 6; i++) {
                callers.add(Thread.ofVirtual().start(() -> ranOn.add(workers.run(hash))));
            }
            hash.started.await();
            while (workers.queued() < 4) {
                Thread.onSpinWait();
            }

            assertThat(workers.active()).isEqualTo(2);
            assertThat(hash.running.get()).isEqualTo(2);

            hash.release.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(hash.mostAtOnce.get()).isEqualTo(2);
            assertThat(ranOn).hasSize(6).allSatisfy(name -> assertThat(name).startsWith("aikagi-hash-"));
        }
    }

    @Test
    void runWhenHashingThenOnAWorkerOfTheLowestPriority() {
        try (BoundedHashWorkers workers = new BoundedHashWorkers(1, 0)) {
            // The cheap steps (normal priority) go first when the cores are contended; see the class comment.
            assertThat(workers.run(() -> Thread.currentThread().getPriority())).isEqualTo(Thread.MIN_PRIORITY);
            assertThat(Thread.currentThread().getPriority()).isEqualTo(Thread.NORM_PRIORITY);
        }
    }

    @Test
    void runWhenAllWorkersBusyAndNoQueueThenHashingBusyAtOnce() throws Exception {
        try (BoundedHashWorkers workers = new BoundedHashWorkers(1, 0)) {
            Blocking hash = new Blocking(1);
            Thread holder = Thread.ofVirtual().start(() -> workers.run(hash));
            hash.started.await();

            assertThatThrownBy(() -> workers.run(() -> "second")).isInstanceOf(HashingBusyException.class)
                    .hasMessage("all 1 hash workers are busy and the queue is full");

            hash.release.countDown();
            holder.join();
            assertThat(workers.run(() -> "free again")).isEqualTo("free again");
        }
    }

    @Test
    void runWhenQueueFullThenHashingBusyAndTheQueuedHashStillRuns() throws Exception {
        try (BoundedHashWorkers workers = new BoundedHashWorkers(1, 1)) {
            Blocking hash = new Blocking(1);
            Thread holder = Thread.ofVirtual().start(() -> workers.run(hash));
            hash.started.await();
            AtomicInteger queuedRan = new AtomicInteger();
            Thread waiter = Thread.ofVirtual().start(() -> workers.run(queuedRan::incrementAndGet));
            while (workers.queued() < 1) {
                Thread.onSpinWait();
            }

            assertThatThrownBy(() -> workers.run(() -> "third")).isInstanceOf(HashingBusyException.class);

            hash.release.countDown();
            holder.join();
            waiter.join();
            assertThat(queuedRan.get()).isEqualTo(1);
            assertThat(workers.run(() -> "free again")).isEqualTo("free again");
        }
    }

    @Test
    void runWhenHashThrowsThenCallerGetsTheSameException() {
        try (BoundedHashWorkers workers = new BoundedHashWorkers(1, 1)) {
            IllegalStateException failure = new IllegalStateException("broken");

            assertThatThrownBy(() -> workers.run(() -> {
                throw failure;
            })).isSameAs(failure);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0 | 4 | hash workers must be 1-1024, was 0",
            "1025 | 4 | hash workers must be 1-1024, was 1025", "2 | -1 | hash queue must be 0-1000000, was -1"})
    void constructorWhenOutOfRangeThenNamesTheSetting(int size, int queue, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundedHashWorkers(size, queue)).withMessage(message);
    }

    @Test
    void callerThreadWhenRunThenRunsInlineOneAtATime() {
        HashWorkers inline = HashWorkers.callerThread();

        assertThat(inline.size()).isEqualTo(1);
        assertThat(inline.run(() -> Thread.currentThread())).isSameAs(Thread.currentThread());
    }
}
