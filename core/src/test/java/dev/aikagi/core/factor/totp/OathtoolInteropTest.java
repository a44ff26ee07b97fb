package dev.aikagi.core.factor.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our codes against an independent implementation: {@code oathtool} from OATH Toolkit (Debian package
 * {@code oathtool}), run for each case as
 *
 * <pre>oathtool --totp=SHA1 --digits=6 --time-step-size=30s --now "2026-01-01 00:00:00 UTC" &lt;hex key&gt;</pre>
 *
 * <p>Locally the test is skipped when oathtool is not installed; in CI (environment variable
 * {@code CI=true}) it fails instead, so a runner image without oathtool cannot turn it green by skipping.
 */
class OathtoolInteropTest {

    private static final DateTimeFormatter NOW_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final Optional<Path> OATHTOOL = onPath("oathtool");

    // Per test rather than @BeforeAll, so that a local skip shows up as skipped tests with the message
    // instead of a class that silently ran nothing.
    @BeforeEach
    void requireOathtool() {
        if (OATHTOOL.isEmpty()) {
            String message = "oathtool is not on PATH (Debian: apt-get install oathtool)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; this interoperability test must not be skipped in CI");
            }
            Assumptions.assumeTrue(false, message + "; skipping outside CI");
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Stream<Arguments> cases() {
        SecretGenerator generator = TestSecrets.generator(6238);
        List<TotpParameters> parameterSets = List.of(
                new TotpParameters(TotpAlgorithm.SHA1, 6, 30),
                new TotpParameters(TotpAlgorithm.SHA256, 8, 30),
                new TotpParameters(TotpAlgorithm.SHA512, 6, 60));
        List<Instant> fixed = List.of(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:29Z"),
                Instant.parse("2038-01-19T03:14:08Z"),
                Instant.parse("1999-12-31T23:59:59Z"));
        List<Arguments> cases = new ArrayList<>();
        for (TotpParameters parameters : parameterSets) {
            for (int keyLength : new int[] {20, 32, 64}) {
                for (Instant instant : fixed) {
                    cases.add(Arguments.of(generator.bytes(keyLength), instant, parameters));
                }
                for (int i = 0; i < 3; i++) {
                    // Any second between 2001-09-09 and 2033-05-18.
                    Instant instant = Instant.ofEpochSecond(1_000_000_000L + generator.nextInt(1_000_000_000));
                    cases.add(Arguments.of(generator.bytes(keyLength), instant, parameters));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{2} at {1}")
    @MethodSource("cases")
    void codeAtWhenRandomKeyThenSameAsOathtool(byte[] key, Instant instant, TotpParameters parameters)
            throws IOException, InterruptedException {
        String expected = oathtool(key, instant, parameters);

        assertThat(Totp.codeAt(key, instant, parameters)).isEqualTo(expected);
    }

    private static String oathtool(byte[] key, Instant instant, TotpParameters parameters)
            throws IOException, InterruptedException {
        List<String> command = List.of(OATHTOOL.orElseThrow().toString(),
                "--totp=" + parameters.algorithm().name(),
                "--digits=" + parameters.digits(),
                "--time-step-size=" + parameters.periodSeconds() + "s",
                "--now", NOW_FORMAT.format(instant),
                HexFormat.of().formatHex(key));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("oathtool did not finish: " + command);
        }
        assertThat(process.exitValue()).as("exit status of %s, output %s", command, output).isZero();
        assertThat(output).as("output of %s", command).matches("[0-9]{" + parameters.digits() + "}");
        return output;
    }
}
