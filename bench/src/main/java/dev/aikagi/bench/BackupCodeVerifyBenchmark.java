package dev.aikagi.bench;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.Verification;
import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.InMemoryBackupCodeRepository;
import java.time.Instant;
import java.util.List;
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
 * Backup-code verification against a 10-code set: normalise, then one keyed HMAC per code of the set.
 * {@code verifyUsedCode} measures the full comparison over all ten codes (the code matches a used
 * entry, so nothing is written and the state stays the same between calls); {@code verifyWrongCode}
 * adds the check against the remembered digests of replaced sets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class BackupCodeVerifyBenchmark {

    private BackupCodes codes;
    private AccountId account;
    private Instant now;
    private String usedCode;
    private String wrongCode;

    @Setup
    public void setUp() {
        SecretGenerator generator = TestSecrets.generator(2);
        codes = new BackupCodes(new InMemoryBackupCodeRepository(), new CodeDigester(TestSecrets.keyRing("p1"), generator),
                new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, BackupCodePolicy.DEFAULT);
        account = new AccountId(UUID.fromString("00000000-0000-4000-8000-000000000002"));
        now = Instant.parse("2026-11-25T09:00:00Z");
        List<String> issued = codes.issue(account, now).codes();
        usedCode = issued.get(4).substring(0, 4) + " " + issued.get(4).substring(4);
        codes.verify(account, usedCode, now);
        wrongCode = issued.contains("13572468") ? "13572469" : "13572468";
    }

    @Benchmark
    public Verification verifyUsedCode() {
        return codes.verify(account, usedCode, now);
    }

    @Benchmark
    public Verification verifyWrongCode() {
        return codes.verify(account, wrongCode, now);
    }
}
