package dev.aikagi.bench.load;

import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHash;
import dev.aikagi.core.factor.password.PasswordHasher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The login load generator's command line.
 *
 * <pre>
 * seed   --base-url=http://127.0.0.1:8080 --count=2000 --users=users.tsv [--prefix=bench] [--threads=4]
 * run    --base-url=... --users=users.tsv [--levels=1,2,4,8,16] [--duration=30] [--warmup=5]
 *        [--initial-warmup=20] [--scenario=totp|backup] [--server-pid=PID] [--label=aikagi-h2]
 *        [--tsv=out.tsv] [--markdown=out.md] [--cookie-prefix=__Host-]
 *        (several nodes: --base-url=URL1,URL2 --server-pid=PID1,PID2; virtual users alternate between them)
 * argon2 [--threads=2] [--seconds=10] [--memory-kib=19456] [--iterations=2] [--parallelism=1]
 * postgres [--port=15432] [--data-dir=DIR]        embedded PostgreSQL until killed
 * fill   --jdbc-url=... [--total=1000000]          filler accounts for the scale check
 * </pre>
 *
 * Exits 1 when any login failed, so scripts and the smoke test can rely on the status.
 */
public final class LoginBench {

    private LoginBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String... args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoginBench seed|run|argon2|postgres|fill --key=value ...");
            return 2;
        }
        Map<String, String> opts = new HashMap<>();
        for (String a : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --key=value, got " + a);
            }
            opts.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return switch (args[0]) {
            case "seed" -> seed(opts);
            case "run" -> load(opts);
            case "argon2" -> argon2(opts);
            case "postgres" -> BenchPostgres.start(opts);
            case "fill" -> BenchPostgres.fill(opts);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
    }

    private static URI baseUrl(Map<String, String> opts) throws IOException {
        return baseUrls(opts).get(0);
    }

    /** {@code --base-url}, or several separated by commas (nodes sharing one database). */
    private static List<URI> baseUrls(Map<String, String> opts) throws IOException {
        List<URI> bases = new ArrayList<>();
        for (String url : opts.getOrDefault("base-url", "http://127.0.0.1:8080").split(",")) {
            URI base = URI.create(url.strip());
            // A load generator aimed at someone else's server is an attack; loopback only.
            if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing a non-loopback target: " + base);
            }
            bases.add(base);
        }
        return bases;
    }

    private static int seed(Map<String, String> opts) throws Exception {
        URI base = baseUrl(opts);
        int count = Integer.parseInt(opts.getOrDefault("count", "2000"));
        Path file = Path.of(opts.getOrDefault("users", "users.tsv"));
        long t0 = System.nanoTime();
        List<BenchUser> users = new ApiSeeder(base).seed(opts.getOrDefault("prefix", "bench"), count,
                Integer.parseInt(opts.getOrDefault("threads", "4")));
        BenchUsers.write(file, users);
        System.out.printf(Locale.ROOT, "seeded %d accounts through the API in %.1f s -> %s%n", users.size(),
                (System.nanoTime() - t0) / 1e9, file);
        return 0;
    }

    private static int load(Map<String, String> opts) throws Exception {
        List<URI> bases = baseUrls(opts);
        Path file = Path.of(opts.getOrDefault("users", "users.tsv"));
        List<BenchUser> users = BenchUsers.read(file);
        BrowserLogin.Scenario scenario = BrowserLogin.Scenario.valueOf(opts.getOrDefault("scenario", "totp").toUpperCase(Locale.ROOT));
        long[] pids = Arrays.stream(opts.getOrDefault("server-pid", "-1").split(",")).mapToLong(p -> Long.parseLong(p.strip()))
                .filter(p -> p > 0).toArray();
        for (long pid : pids) {
            if (!ProcessStats.available(pid)) {
                throw new IllegalArgumentException("no process " + pid + " in /proc");
            }
        }
        String label = opts.getOrDefault("label", "aikagi");
        int duration = Integer.parseInt(opts.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        int initialWarmup = Integer.parseInt(opts.getOrDefault("initial-warmup", "0"));
        int[] levels = Arrays.stream(opts.getOrDefault("levels", "1,2,4,8,16").split(",")).mapToInt(Integer::parseInt).toArray();
        LoadRun run = new LoadRun(bases, scenario, pids, opts.getOrDefault("cookie-prefix", ""));
        UserPool pool = new UserPool(users, scenario);
        List<LoadRun.Level> results = new ArrayList<>();
        long errors = 0;
        try {
            if (initialWarmup > 0) {
                System.out.printf("initial warm-up: %d s at N=4 (not counted)%n", initialWarmup);
                LoadRun.Level w = run.run(pool, 4, 0, initialWarmup);
                errors += w.errors();
                w.errorSamples().forEach(e -> System.out.println("  error: " + e));
            }
            System.out.println(LoadRun.markdownHeader());
            for (int n : levels) {
                LoadRun.Level level = run.run(pool, n, warmup, duration);
                results.add(level);
                errors += level.errors();
                System.out.println(LoadRun.markdown(level));
                level.errorSamples().forEach(e -> System.out.println("  error: " + e));
            }
        } finally {
            BenchUsers.write(file, users);
        }
        for (long pid : pids) {
            System.out.printf("server pid %d: RSS %d MB now, peak (VmHWM) %d MB%n", pid,
                    ProcessStats.statusKb(pid, "VmRSS") / 1024, ProcessStats.statusKb(pid, "VmHWM") / 1024);
        }
        String tsv = opts.get("tsv");
        if (tsv != null) {
            Path out = Path.of(tsv);
            StringBuilder lines = new StringBuilder();
            if (!Files.exists(out)) {
                lines.append(LoadRun.tsvHeader()).append('\n');
            }
            results.forEach(l -> lines.append(LoadRun.tsv(label, scenario, l)).append('\n'));
            Files.writeString(out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        String md = opts.get("markdown");
        if (md != null) {
            StringBuilder text = new StringBuilder("\n" + label + ", " + scenario.name().toLowerCase(Locale.ROOT)
                    + ", " + duration + " s per level after " + warmup + " s warm-up\n\n" + LoadRun.markdownHeader() + "\n");
            results.forEach(l -> text.append(LoadRun.markdown(l)).append('\n'));
            Files.writeString(Path.of(md), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.printf("total errors: %d%n", errors);
        return errors == 0 ? 0 : 1;
    }

    /** The machine's pure Argon2id capacity: verifications per second with {@code threads} threads. */
    private static int argon2(Map<String, String> opts) throws Exception {
        Argon2Settings settings = new Argon2Settings(Integer.parseInt(opts.getOrDefault("memory-kib", "19456")),
                Integer.parseInt(opts.getOrDefault("iterations", "2")), Integer.parseInt(opts.getOrDefault("parallelism", "1")));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        PasswordHasher hasher = new PasswordHasher(settings, new SecretGenerator(new SecureRandom()));
        PasswordHash stored = hasher.hash("correct horse battery staple");
        for (int i = 0; i < 10; i++) {
            hasher.verify("correct horse battery staple", stored); // JIT warm-up
        }
        AtomicLong count = new AtomicLong();
        long self0 = ProcessStats.cpuMillis(ProcessHandle.current().pid());
        long machine0 = ProcessStats.machineBusyMillis();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    if (!hasher.verify("correct horse battery staple", stored)) {
                        throw new AssertionError("verification of the right password failed");
                    }
                    count.incrementAndGet();
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        long self = ProcessStats.cpuMillis(ProcessHandle.current().pid()) - self0;
        long other = Math.max(0, ProcessStats.machineBusyMillis() - machine0 - self);
        // Other processes on the same cores lower the figure; their share is printed so a disturbed
        // measurement can be recognised (and the run repeated).
        System.out.printf(Locale.ROOT, "argon2id m=%d KiB t=%d p=%d, %d threads: %.1f hashes/s (%.1f ms each per thread);"
                        + " other processes used %.0f %% of a core%n",
                settings.memoryKiB(), settings.iterations(), settings.parallelism(), threads, count.get() / (double) seconds,
                threads * seconds * 1000.0 / count.get(), other / (seconds * 10.0));
        return 0;
    }
}
