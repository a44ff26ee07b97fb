package dev.aikagi.bench.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop: {@code concurrency} virtual users log in back to back for {@code warmup} seconds
 * (not counted) and then {@code duration} seconds (counted: logins that end inside the window). CPU of
 * the server, of this generator and of the rest of the machine is read from /proc at the window's edges;
 * the server's RSS is sampled every 200 ms.
 */
final class LoadRun {

    /**
     * One level's figures. {@code serverCpuByGroup} is the servers' CPU split by {@link ProcessStats.ThreadGroup}
     * (ordinal order), so that what a login costs beyond its hash is measured, not estimated from a separate
     * hash benchmark.
     */
    record Level(int concurrency, long logins, double seconds, long errors, long stalls, long[] latencyNanos,
                 long[] stepMedianNanos, long[] stepP99Nanos, double serverCpuMs, long[] serverCpuByGroup,
                 double generatorCpuMs, double machineCpuMs, long serverRssKb, long serverRssMaxKb,
                 List<String> errorSamples) {

        double loginsPerSecond() {
            return logins / seconds;
        }

        double percentileMs(double q) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(q * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, index))] / 1e6;
        }

        double serverCpuMsPerLogin() {
            return logins == 0 ? Double.NaN : serverCpuMs / logins;
        }

        double serverCpuMsPerLogin(ProcessStats.ThreadGroup group) {
            return logins == 0 ? Double.NaN : serverCpuByGroup[group.ordinal()] / (double) logins;
        }

        /** Server CPU per login outside the Argon2id workers: the non-hash path, JIT and GC included. */
        double beyondHashCpuMsPerLogin() {
            return logins == 0 ? Double.NaN : (serverCpuMs - serverCpuByGroup[ProcessStats.ThreadGroup.HASH.ordinal()]) / logins;
        }

        double generatorCpuMsPerLogin() {
            return logins == 0 ? Double.NaN : generatorCpuMs / logins;
        }

        /** Percent of one core. */
        double pct(double cpuMs) {
            return cpuMs / (seconds * 1000) * 100;
        }

        double otherCpuMs() {
            return Math.max(0, machineCpuMs - serverCpuMs - generatorCpuMs);
        }
    }

    private final BrowserLogin.Scenario scenario;
    private final List<URI> bases;
    private final long[] serverPids;
    private final String cookiePrefix;

    /**
     * @param bases      the servers; virtual user i logs in through {@code bases[i % size]} (two nodes: half each)
     * @param serverPids the servers' processes (CPU and RSS are summed over them); empty when unknown
     */
    LoadRun(List<URI> bases, BrowserLogin.Scenario scenario, long[] serverPids, String cookiePrefix) {
        this.bases = List.copyOf(bases);
        this.scenario = scenario;
        this.serverPids = serverPids.clone();
        this.cookiePrefix = cookiePrefix;
    }

    Level run(UserPool pool, int concurrency, int warmupSeconds, int durationSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long measureTo = measureFrom + durationSeconds * 1_000_000_000L;
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long stallsBefore = pool.stalls();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            URI base = bases.get(i % bases.size());
            workers.add(Thread.ofPlatform().name("vu-" + i).start(() -> {
                BrowserLogin login = new BrowserLogin(new PageSession(base), cookiePrefix);
                while (System.nanoTime() < measureTo) {
                    Optional<UserPool.Taken> taken;
                    try {
                        taken = pool.take(measureTo);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (taken.isEmpty()) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    boolean ok = true;
                    try {
                        login.login(taken.get().user(), scenario, taken.get().step());
                    } catch (Exception e) {
                        ok = false;
                        if (errorSamples.size() < 10) {
                            errorSamples.add(taken.get().user().username + ": " + e);
                        }
                    }
                    long t1 = System.nanoTime();
                    pool.release(taken.get().user());
                    if (!ok) {
                        // Every failure counts, in warm-up too: the smoke test asserts zero.
                        errors.incrementAndGet();
                    } else if (t1 >= measureFrom && t1 <= measureTo) {
                        long[] sample = new long[1 + BrowserLogin.STEPS.length];
                        sample[0] = t1 - t0;
                        System.arraycopy(login.stepNanos, 0, sample, 1, BrowserLogin.STEPS.length);
                        samples.add(sample);
                    }
                }
            }));
        }
        sleepUntil(measureFrom);
        long server0 = serverCpu();
        long[] groups0 = serverCpuByGroup();
        long self0 = ProcessStats.cpuMillis(ProcessHandle.current().pid());
        long machine0 = ProcessStats.machineBusyMillis();
        long rssMax = 0;
        while (System.nanoTime() < measureTo) {
            rssMax = Math.max(rssMax, serverRssKb());
            Thread.sleep(Math.max(1, Math.min(200, (measureTo - System.nanoTime()) / 1_000_000)));
        }
        long server1 = serverCpu();
        long[] groups1 = serverCpuByGroup();
        long self1 = ProcessStats.cpuMillis(ProcessHandle.current().pid());
        long machine1 = ProcessStats.machineBusyMillis();
        long rss = serverRssKb();
        rssMax = Math.max(rssMax, rss);
        for (Thread worker : workers) {
            worker.join();
        }
        long[] latencies = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
        long[] stepMedians = new long[BrowserLogin.STEPS.length];
        long[] stepP99s = new long[BrowserLogin.STEPS.length];
        for (int s = 0; s < stepMedians.length; s++) {
            int column = s + 1;
            long[] values = samples.stream().mapToLong(x -> x[column]).sorted().toArray();
            stepMedians[s] = values.length == 0 ? 0 : values[values.length / 2];
            stepP99s[s] = values.length == 0 ? 0 : values[Math.max(0, (int) Math.ceil(0.99 * values.length) - 1)];
        }
        long[] groups = new long[groups0.length];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = groups1[g] - groups0[g];
        }
        return new Level(concurrency, latencies.length, durationSeconds, errors.get(), pool.stalls() - stallsBefore,
                latencies, stepMedians, stepP99s, server1 - server0, groups, self1 - self0, machine1 - machine0, rss,
                rssMax, List.copyOf(errorSamples));
    }

    private long serverCpu() {
        long sum = 0;
        for (long pid : serverPids) {
            sum += ProcessStats.cpuMillis(pid);
        }
        return serverPids.length == 0 ? -1 : sum;
    }

    private long[] serverCpuByGroup() {
        long[] sum = new long[ProcessStats.ThreadGroup.values().length];
        for (long pid : serverPids) {
            long[] one = ProcessStats.cpuMillisByThreadGroup(pid);
            for (int g = 0; g < sum.length; g++) {
                sum[g] += one[g];
            }
        }
        return sum;
    }

    private long serverRssKb() {
        long sum = 0;
        for (long pid : serverPids) {
            sum += ProcessStats.statusKb(pid, "VmRSS");
        }
        return serverPids.length == 0 ? -1 : sum;
    }

    static String tsvHeader() {
        return String.join("\t", "label", "scenario", "concurrency", "logins", "logins_per_s", "p50_ms", "p90_ms", "p99_ms",
                "max_ms", "errors", "pool_stalls", "server_cpu_pct", "server_cpu_ms_per_login", "generator_cpu_pct",
                "generator_cpu_ms_per_login", "other_cpu_pct", "server_rss_mb", "server_rss_max_mb",
                "p50_" + String.join("_ms\tp50_", BrowserLogin.STEPS) + "_ms",
                "hash_cpu_ms_per_login", "beyond_hash_cpu_ms_per_login", "jit_cpu_ms_per_login", "gc_cpu_ms_per_login",
                "p99_" + String.join("_ms\tp99_", BrowserLogin.STEPS) + "_ms");
    }

    static String tsv(String label, BrowserLogin.Scenario scenario, Level l) {
        List<String> f = new ArrayList<>(List.of(label, scenario.name().toLowerCase(Locale.ROOT),
                String.valueOf(l.concurrency()), String.valueOf(l.logins()), f1(l.loginsPerSecond()),
                f1(l.percentileMs(0.50)), f1(l.percentileMs(0.90)), f1(l.percentileMs(0.99)), f1(l.percentileMs(1.0)),
                String.valueOf(l.errors()), String.valueOf(l.stalls()), f1(l.pct(l.serverCpuMs())),
                f1(l.serverCpuMsPerLogin()), f1(l.pct(l.generatorCpuMs())), f1(l.generatorCpuMsPerLogin()),
                f1(l.pct(l.otherCpuMs())), String.valueOf(l.serverRssKb() / 1024), String.valueOf(l.serverRssMaxKb() / 1024)));
        Arrays.stream(l.stepMedianNanos()).forEach(n -> f.add(f1(n / 1e6)));
        f.addAll(List.of(f1(l.serverCpuMsPerLogin(ProcessStats.ThreadGroup.HASH)), f1(l.beyondHashCpuMsPerLogin()),
                f1(l.serverCpuMsPerLogin(ProcessStats.ThreadGroup.JIT)), f1(l.serverCpuMsPerLogin(ProcessStats.ThreadGroup.GC))));
        Arrays.stream(l.stepP99Nanos()).forEach(n -> f.add(f1(n / 1e6)));
        return String.join("\t", f);
    }

    static String markdownHeader() {
        return "| N | logins/s | p50 ms | p90 ms | p99 ms | max ms | errors | stalls | server CPU % of 1 core"
                + " | server CPU ms/login | of it hash / beyond (JIT, GC) | generator CPU % | generator CPU ms/login"
                + " | other CPU % | RSS MB (max) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    static String markdown(Level l) {
        return "| " + l.concurrency() + " | " + f1(l.loginsPerSecond()) + " | " + f1(l.percentileMs(0.5)) + " | "
                + f1(l.percentileMs(0.9)) + " | " + f1(l.percentileMs(0.99)) + " | " + f1(l.percentileMs(1.0)) + " | "
                + l.errors() + " | " + l.stalls() + " | " + f0(l.pct(l.serverCpuMs())) + " | "
                + f1(l.serverCpuMsPerLogin()) + " | " + f1(l.serverCpuMsPerLogin(ProcessStats.ThreadGroup.HASH)) + " / "
                + f1(l.beyondHashCpuMsPerLogin()) + " (" + f1(l.serverCpuMsPerLogin(ProcessStats.ThreadGroup.JIT)) + ", "
                + f1(l.serverCpuMsPerLogin(ProcessStats.ThreadGroup.GC)) + ") | " + f0(l.pct(l.generatorCpuMs())) + " | "
                + f1(l.generatorCpuMsPerLogin()) + " | " + f0(l.pct(l.otherCpuMs())) + " | "
                + l.serverRssKb() / 1024 + " (" + l.serverRssMaxKb() / 1024 + ") |";
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
