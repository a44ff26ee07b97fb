package dev.aikagi.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.bench.load.ProcessStats.ThreadGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    void threadGroupWhenNamedByTheJvmOrAikagiThenSorted() {
        assertThat(ThreadGroup.of("aikagi-hash-1")).isEqualTo(ThreadGroup.HASH);
        assertThat(ThreadGroup.of("C2 CompilerThre")).isEqualTo(ThreadGroup.JIT);
        assertThat(ThreadGroup.of("C1 CompilerThre")).isEqualTo(ThreadGroup.JIT);
        assertThat(ThreadGroup.of("VM Thread")).isEqualTo(ThreadGroup.GC);
        assertThat(ThreadGroup.of("GC Thread#0")).isEqualTo(ThreadGroup.GC);
        assertThat(ThreadGroup.of("G1 Conc#0")).isEqualTo(ThreadGroup.GC);
        assertThat(ThreadGroup.of("ForkJoinPool-1")).isEqualTo(ThreadGroup.REST);
        assertThat(ThreadGroup.of("tomcat-handler-")).isEqualTo(ThreadGroup.REST);
    }

    @Test
    void cpuByThreadGroupWhenAHashThreadBurnsCpuThenCountedAsHash() throws Exception {
        long pid = ProcessHandle.current().pid();
        long before = ProcessStats.cpuMillisByThreadGroup(pid)[ThreadGroup.HASH.ordinal()];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hash = Thread.ofPlatform().name("aikagi-hash-test").start(() -> {
            long x = 0;
            // 80 ms of this thread's own CPU time (not wall time), then stay alive to be read.
            while (mx.getCurrentThreadCpuTime() < 80_000_000L) {
                x += System.nanoTime() % 7;
            }
            burnt.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.print("");
            }
        });
        burnt.await();
        long[] after = ProcessStats.cpuMillisByThreadGroup(pid);
        done.countDown();
        hash.join();
        // /proc counts in 10 ms ticks.
        assertThat(after[ThreadGroup.HASH.ordinal()] - before).isBetween(60L, 200L);
        assertThat(after[ThreadGroup.REST.ordinal()]).isPositive();
    }
}
