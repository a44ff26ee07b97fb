package dev.aikagi.bench.load;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The accounts, least recently used first. A TOTP login needs an account whose last step is older than
 * the current one (Aikagi refuses a replayed step, as it must); a backup-code login needs an account with
 * a code left. When none qualifies the taker waits for the next TOTP step and counts a stall.
 */
final class UserPool {

    private final Deque<BenchUser> free;
    private final BrowserLogin.Scenario scenario;
    private long stalls;

    UserPool(List<BenchUser> users, BrowserLogin.Scenario scenario) {
        // Least recently used first, so that a waiting head means every account waits.
        this.free = new ArrayDeque<>(users.stream().sorted(java.util.Comparator.comparingLong(u -> u.lastStep)).toList());
        this.scenario = scenario;
    }

    /** The next usable account with the TOTP step to use, or empty once {@code deadlineNanos} passes. */
    Optional<Taken> take(long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            long step = BrowserLogin.stepNow(Instant.now());
            synchronized (this) {
                int size = free.size();
                for (int i = 0; i < size; i++) {
                    BenchUser user = free.pollFirst();
                    boolean usable = scenario == BrowserLogin.Scenario.TOTP ? user.lastStep < step : !user.backupCodes.isEmpty();
                    if (usable) {
                        if (scenario == BrowserLogin.Scenario.TOTP) {
                            user.lastStep = step;
                        }
                        return Optional.of(new Taken(user, step));
                    }
                    free.addLast(user);
                    if (scenario == BrowserLogin.Scenario.TOTP) {
                        break; // least recently used first: if the head waits, all wait
                    }
                }
                stalls++;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    synchronized void release(BenchUser user) {
        free.addLast(user);
    }

    synchronized long stalls() {
        return stalls;
    }

    record Taken(BenchUser user, long step) {
    }
}
