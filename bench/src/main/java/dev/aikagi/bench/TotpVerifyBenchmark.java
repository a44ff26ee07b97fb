package dev.aikagi.bench;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.Verification;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.InMemoryTotpFactorRepository;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpParameters;
import java.time.Instant;
import java.util.UUID;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One TOTP verification as the login does it: open the sealed key (AES-GCM), compute the three codes
 * of the ±1 window, compare in constant time. A code that matches no step is used, so the replay
 * guard never short-cuts the work and every call costs the full check. One thread = one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TotpVerifyBenchmark {

    private TotpAuthenticator totp;
    private AccountId account;
    private Instant now;
    private String wrongCode;
    private String codeOfStep;

    @Setup
    public void setUp() {
        SecretGenerator generator = TestSecrets.generator(1);
        totp = new TotpAuthenticator(new InMemoryTotpFactorRepository(),
                new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, TotpParameters.DEFAULT, "Aikagi");
        account = new AccountId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
        now = Instant.parse("2026-11-25T09:00:00Z");
        var enrollment = totp.begin(account, "bench", now);
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        totp.confirm(account, Totp.codeAt(key, now, TotpParameters.DEFAULT), now);
        codeOfStep = Totp.codeAt(key, now.plusSeconds(3600), TotpParameters.DEFAULT);
        String candidate = "000000";
        for (int i = 0; candidate.equals(codeOfStep); i++) {
            candidate = String.format("%06d", i + 1);
        }
        wrongCode = candidate;
    }

    @Benchmark
    public Verification verifyTotp() {
        return totp.verify(account, wrongCode, now);
    }

    @Benchmark
    public String generateCode() {
        return Totp.hotp(TestSecrets.key("k"), 12345L, dev.aikagi.core.factor.totp.TotpAlgorithm.SHA1, 6);
    }
}
