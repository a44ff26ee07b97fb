package dev.aikagi.core.factor.password;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fixed number of platform threads that run the hashes, with a bounded queue in front of them. A caller
 * waits for its hash (a virtual thread waits without holding its carrier); when all {@code workers} are busy
 * and {@code queue} hashes already wait, {@link #run} refuses at once with {@link HashingBusyException}
 * instead of letting requests pile up.
 *
 * <p>The workers run at {@link Thread#MIN_PRIORITY}: when the JVM maps Java priorities to the operating system's
 * ({@code -XX:ThreadPriorityPolicy=1} on Linux, as the documented start command does: nice 4 instead of 0, which
 * any user may set), a saturated pool yields the cores to the cheap steps (pages, TOTP and backup codes, API
 * reads) whenever they are ready to run, and takes every idle cycle otherwise, so hashing keeps its throughput
 * while a TOTP step does not wait behind hashes. Without that flag the priority is ignored.
 */
public final class BoundedHashWorkers implements HashWorkers, AutoCloseable {

    private final int workers;
    /** One per hash admitted (running or waiting): workers + queue in all. */
    private final Semaphore admitted;
    private final ThreadPoolExecutor executor;

    /**
     * @param workers how many hashes run at once (1-1024), usually the number of cores
     * @param queue   how many hashes may wait for a worker (0 = none waits)
     */
    public BoundedHashWorkers(int workers, int queue) {
        if (workers < 1 || workers > 1024) {
            throw new IllegalArgumentException("hash workers must be 1-1024, was " + workers);
        }
        if (queue < 0 || queue > 1_000_000) {
            throw new IllegalArgumentException("hash queue must be 0-1000000, was " + queue);
        }
        this.workers = workers;
        this.admitted = new Semaphore(workers + queue);
        // The semaphore bounds what enters the executor's queue; the executor itself never refuses.
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new Named());
    }

    @Override
    public int size() {
        return workers;
    }

    @Override
    public <T> T run(Supplier<T> hash) {
        Objects.requireNonNull(hash, "hash");
        if (!admitted.tryAcquire()) {
            throw new HashingBusyException("all " + workers + " hash workers are busy and the queue is full");
        }
        // Given back once: by the hash before its result is visible (so a caller that got its result finds the
        // place free), or, for a task cancelled before it ran, by the worker that dropped it.
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable giveBack = () -> {
            if (held.compareAndSet(true, false)) {
                admitted.release();
            }
        };
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return hash.get();
            } finally {
                giveBack.run();
            }
        });
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    giveBack.run();
                }
            });
        } catch (RejectedExecutionException e) {
            giveBack.run();
            throw new IllegalStateException("the hash workers are shut down", e);
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a hash worker", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AssertionError("a Supplier throws no checked exception", cause);
        }
    }

    /** Hashes waiting for a worker right now (for metrics and tests). */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Hashes running right now (for metrics and tests). */
    public int active() {
        return executor.getActiveCount();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "aikagi-hash-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        }
    }
}
