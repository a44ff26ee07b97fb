package dev.aikagi.bench;

import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHash;
import dev.aikagi.core.factor.password.PasswordHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One Argon2id verification at OWASP parameters (m=19 MiB, t=2, p=1): the cost of every login. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PasswordHashBenchmark {

    private PasswordHasher hasher;
    private PasswordHash stored;

    @Setup
    public void setUp() {
        hasher = new PasswordHasher(Argon2Settings.OWASP, TestSecrets.generator(3));
        stored = hasher.hash("correct horse battery staple");
    }

    @Benchmark
    public boolean verifyPassword() {
        return hasher.verify("correct horse battery staple", stored);
    }
}
