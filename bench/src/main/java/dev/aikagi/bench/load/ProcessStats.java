package dev.aikagi.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, and the machine's busy time, read from Linux's /proc. */
final class ProcessStats {

    /** Clock ticks per second of /proc's CPU counters ({@code getconf CLK_TCK}; 100 on Linux x86-64). */
    static final int TICKS_PER_SECOND = 100;

    private ProcessStats() {
    }

    static boolean available(long pid) {
        return pid > 0 && Files.isReadable(Path.of("/proc/" + pid + "/stat"));
    }

    /** User plus system CPU of {@code pid} in milliseconds, or -1 when it cannot be read. */
    static long cpuMillis(long pid) {
        try {
            return statCpuMillis(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** What a server's threads spend their CPU on, by thread name (the JVM's and Aikagi's own names). */
    enum ThreadGroup {
        /** Aikagi's Argon2id workers ({@code aikagi-hash-N}). */
        HASH,
        /** The JIT compilers ({@code C1 CompilerThre}, {@code C2 CompilerThre}). */
        JIT,
        /** Garbage collection: the VM thread (all of Serial GC's pauses) and the GC worker threads. */
        GC,
        /** Everything else: request handling on virtual threads' carriers, Tomcat, schedulers. */
        REST;

        static ThreadGroup of(String name) {
            if (name.startsWith("aikagi-hash")) {
                return HASH;
            }
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                return JIT;
            }
            if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")
                    || name.startsWith("VM Periodic")) {
                return GC;
            }
            return REST;
        }
    }

    /**
     * CPU milliseconds of {@code pid}'s live threads by {@link ThreadGroup} (index = ordinal), read from
     * /proc/&lt;pid&gt;/task/*: a thread that ended between two readings is missing from the later one, which
     * the hash workers, compilers and GC threads never do.
     */
    static long[] cpuMillisByThreadGroup(long pid) {
        long[] out = new long[ThreadGroup.values().length];
        Path tasks = Path.of("/proc/" + pid + "/task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    out[ThreadGroup.of(name).ordinal()] += statCpuMillis(task.resolve("stat"));
                } catch (IOException | RuntimeException e) {
                    // The thread ended while it was being read.
                }
            }
        } catch (IOException | RuntimeException e) {
            java.util.Arrays.fill(out, -1);
        }
        return out;
    }

    /** utime + stime of a process's or a thread's stat file, in milliseconds (fields 14 and 15, after the name). */
    private static long statCpuMillis(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
    }

    /** A field of /proc/&lt;pid&gt;/status in kB, such as VmRSS or VmHWM; -1 when it cannot be read. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The whole machine's busy CPU time in milliseconds (all cores; idle and iowait excluded). */
    static long machineBusyMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
