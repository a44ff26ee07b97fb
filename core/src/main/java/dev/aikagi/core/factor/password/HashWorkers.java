package dev.aikagi.core.factor.password;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where Argon2id runs. A hash holds ~19 MiB and a core for tens of milliseconds, so the server runs them on a
 * few dedicated workers ({@link BoundedHashWorkers}) rather than on the request threads: the cheap steps (pages,
 * TOTP, backup codes) never queue behind a hash, and memory is bounded by the number of workers.
 */
public interface HashWorkers {

    /** How many hashes may run at the same time; {@link PasswordHasher} keeps that many hashes' memory blocks. */
    int size();

    /**
     * Runs {@code hash} on a worker and returns its result, waiting while it queues.
     *
     * @throws HashingBusyException when every worker is busy and the queue is full: try again shortly
     */
    <T> T run(Supplier<T> hash);

    /** Runs every hash on the calling thread: for tests, tools and the benchmarks. */
    static HashWorkers callerThread() {
        return new HashWorkers() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public <T> T run(Supplier<T> hash) {
                return Objects.requireNonNull(hash, "hash").get();
            }
        };
    }
}
