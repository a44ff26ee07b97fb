package dev.aikagi.bench;

import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.BoundedHashWorkers;
import dev.aikagi.core.factor.password.PasswordHash;
import dev.aikagi.core.factor.password.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Argon2id verification at OWASP parameters (m=19 MiB, t=2, p=1): the cost of every login. Run with
 * {@code -prof gc} to see the allocation per login ({@code gc.alloc.rate.norm}): {@link #verifyPassword} reuses
 * the hasher's block pool, {@link #verifyPasswordFreshBlocks} is Bouncy Castle without a pool (how every hash
 * allocated its 19 MiB before issue 15), {@link #verifyPasswordOnHashWorkers} adds the hand-over to a hash worker.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PasswordHashBenchmark {

    private static final String PASSWORD = "correct horse battery staple";
    private PasswordHasher hasher;
    private BoundedHashWorkers workers;
    private PasswordHasher onWorkers;
    private PasswordHash stored;
    private byte[] salt;
    private byte[] expected;

    @Setup
    public void setUp() {
        hasher = new PasswordHasher(Argon2Settings.OWASP, TestSecrets.generator(3));
        workers = new BoundedHashWorkers(1, 4);
        onWorkers = new PasswordHasher(Argon2Settings.OWASP, TestSecrets.generator(3), workers);
        stored = hasher.hash(PASSWORD);
        String[] parts = stored.encoded().split("\\$");
        salt = Base64.getDecoder().decode(parts[4]);
        expected = Base64.getDecoder().decode(parts[5]);
    }

    @TearDown
    public void tearDown() {
        workers.close();
    }

    @Benchmark
    public boolean verifyPassword() {
        return hasher.verify(PASSWORD, stored);
    }

    @Benchmark
    public boolean verifyPasswordOnHashWorkers() {
        return onWorkers.verify(PASSWORD, stored);
    }

    @Benchmark
    public boolean verifyPasswordFreshBlocks() {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(19 * 1024).withIterations(2)
                .withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[expected.length];
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), out);
        return java.util.Arrays.equals(out, expected);
    }
}
