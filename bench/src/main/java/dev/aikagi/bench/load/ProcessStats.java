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
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
