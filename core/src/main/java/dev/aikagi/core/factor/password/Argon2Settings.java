package dev.aikagi.core.factor.password;

/**
 * Argon2id cost parameters. The defaults are OWASP's (Password Storage Cheat Sheet): 19 MiB of memory,
 * 2 passes, 1 lane.
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {

    public static final Argon2Settings OWASP = new Argon2Settings(19 * 1024, 2, 1);

    public Argon2Settings {
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("argon2 parallelism must be 1-16, was " + parallelism);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("argon2 memory must be between 8×parallelism KiB and 4 GiB, was " + memoryKiB + " KiB");
        }
        if (iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("argon2 iterations must be 1-100, was " + iterations);
        }
    }
}
