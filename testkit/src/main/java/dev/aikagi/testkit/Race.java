package dev.aikagi.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls that start at the same moment, to check that a use-once write lets exactly one of them through.
 *
 * <p>Two ways: {@link #together} runs a list of different calls once, each on its own virtual thread, released
 * by one latch; an instance runs {@value #THREADS} threads (or as many as asked) that are released together at a
 * {@link CyclicBarrier} round after round, so hundreds of rounds stay fast. One instance per test: a shared
 * barrier would mix the rounds of tests running in parallel.
 */
public final class Race implements AutoCloseable {

    public static final int THREADS = 64;

    private final int size;
    private final ExecutorService threads;
    private final CyclicBarrier start;

    /** What one thread does once released; {@code index} tells the threads apart (0 to size - 1). */
    @FunctionalInterface
    public interface Contender<T> {
        T call(int index) throws Exception;
    }

    public Race() {
        this(THREADS);
    }

    public Race(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a race needs two contenders at least, not " + size);
        }
        this.size = size;
        this.threads = Executors.newFixedThreadPool(size);
        this.start = new CyclicBarrier(size);
    }

    /** Runs {@code task} on every thread at once; returns the results in thread-index order. */
    public <T> List<T> run(Contender<T> task) {
        List<Future<T>> futures = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int index = i;
            futures.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return task.call(index);
            }));
        }
        // Wait for every thread before reporting a failure, so no call of this round leaks into the next.
        List<T> results = new ArrayList<>(size);
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

    /** Runs {@code calls} at the same moment: each on its own virtual thread, released together by one latch. */
    public static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<T> call : calls) {
                futures.add(virtual.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            return results(futures);
        }
    }

    /** Runs the calls on {@code parallelism} threads (seeding, not racing); the results in order of submission. */
    public static <T> List<T> parallel(int parallelism, List<Callable<T>> calls) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            for (Callable<T> call : calls) {
                futures.add(pool.submit(call));
            }
            return results(futures);
        }
    }

    /** How many times each outcome came, sorted by outcome, for a report. */
    public static Map<String, Integer> histogram() {
        return new TreeMap<>();
    }

    public static void count(Map<String, Integer> histogram, String key) {
        histogram.merge(key, 1, Integer::sum);
    }

    private static <T> List<T> results(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }
}
