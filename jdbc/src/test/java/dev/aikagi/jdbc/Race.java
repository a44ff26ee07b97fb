package dev.aikagi.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@value #THREADS} threads that run one task at the same moment: each waits at a {@link CyclicBarrier}
 * and all are released together. The threads are reused round after round, so hundreds of rounds stay fast.
 * One per test: a shared barrier would mix the rounds of tests running in parallel.
 */
final class Race implements AutoCloseable {

    static final int THREADS = 64;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final CyclicBarrier start = new CyclicBarrier(THREADS);

    /** What one thread does once released; {@code index} tells the threads apart (0 to THREADS - 1). */
    @FunctionalInterface
    interface Contender<T> {
        T call(int index) throws Exception;
    }

    /** Runs {@code task} on every thread at once; returns the results in thread-index order. */
    <T> List<T> run(Contender<T> task) {
        List<Future<T>> futures = new ArrayList<>(THREADS);
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            futures.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return task.call(index);
            }));
        }
        // Wait for every thread before reporting a failure, so no call of this round leaks into the next.
        List<T> results = new ArrayList<>(THREADS);
        AssertionError failure = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                failure = failure != null ? failure : new AssertionError("a racing call failed", e.getCause());
            } catch (TimeoutException e) {
                future.cancel(true);
                failure = failure != null ? failure : new AssertionError("a racing call did not finish within 60 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while racing", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
