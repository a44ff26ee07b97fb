package dev.aikagi.jdbc;

import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AttemptRepository} on the {@code attempt_counter} table. An attempt is decided under the
 * counter's row lock, so concurrent attempts on any number of nodes are counted one after another.
 */
public final class JdbcAttemptRepository implements AttemptRepository {

    /**
     * Creates the counter unless it exists, tolerating a concurrent insert of the same key. Both
     * PostgreSQL and H2 (in PostgreSQL mode) accept {@code on conflict do nothing} without a conflict
     * target; H2 rejects the form with a target.
     */
    private static final String ENSURE = """
            insert into attempt_counter (counter_key, failures, last_failure_at)
            values (:key, 0, null)
            on conflict do nothing""";
    private static final String LOCK =
            "select failures, last_failure_at from attempt_counter where counter_key = :key for update";
    private static final String COUNT = """
            update attempt_counter set failures = :failures, last_failure_at = :now
            where counter_key = :key""";
    /**
     * Zeroes the counter rather than deleting it: a deleted row could vanish between an acquirer's
     * ENSURE and LOCK, and under a burst of resets keep vanishing.
     */
    private static final String RESET =
            "update attempt_counter set failures = 0, last_failure_at = null where counter_key = :key";
    private static final String RELEASE =
            "update attempt_counter set failures = failures - 1 where counter_key = :key and failures > 0";
    private static final String RESET_ALL =
            "update attempt_counter set failures = 0, last_failure_at = null where counter_key in (:reset)";
    /** {@link #RESET_ALL} and {@link #RELEASE} in one statement: a success settles its budgets at once. */
    private static final String SETTLE = """
            update attempt_counter
            set failures = case when counter_key in (:reset) then 0 else failures - 1 end,
                last_failure_at = case when counter_key in (:reset) then null else last_failure_at end
            where counter_key in (:reset) or (counter_key = :release and failures > 0)""";
    private static final String FAILURES = "select failures from attempt_counter where counter_key = :key";
    /**
     * A row being acquired is locked (and a new one not yet committed), so this waits for it or does not see
     * it; an acquirer whose row vanished between ENSURE and LOCK tries again ({@link #MAX_TRIES}).
     */
    private static final String DELETE_IDLE = """
            delete from attempt_counter
            where last_failure_at < :before or (last_failure_at is null and failures = 0)""";

    /** Only {@link #deleteIdleBefore} deletes rows; the retries cover it deleting one between ENSURE and LOCK. */
    private static final int MAX_TRIES = 3;

    private record Counter(int failures, Instant lastFailureAt) {
    }

    private static final RowMapper<Counter> COUNTER =
            (rs, row) -> new Counter(rs.getInt("failures"), Timestamps.read(rs, "last_failure_at"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public JdbcAttemptRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public AttemptDecision acquire(String key, AttemptBudget budget, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(now, "now");
        Instant at = Timestamps.truncate(now);
        return transaction.execute(tx -> {
            Counter counter = lockCounter(key);
            AttemptDecision decision = budget.decide(counter.failures(), counter.lastFailureAt(), at);
            if (decision instanceof AttemptDecision.Allowed allowed) {
                // failuresCounted builds on the effective count: failures forgotten after a quiet
                // period are dropped here rather than resurrected.
                jdbc.sql(COUNT)
                        .param("key", key)
                        .param("failures", allowed.failuresCounted())
                        .param("now", Timestamps.param(at))
                        .update();
            }
            return decision;
        });
    }

    private Counter lockCounter(String key) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            jdbc.sql(ENSURE).param("key", key).update();
            Optional<Counter> counter = jdbc.sql(LOCK).param("key", key).query(COUNTER).optional();
            if (counter.isPresent()) {
                return counter.get();
            }
        }
        throw new IllegalStateException("attempt counter kept disappearing while being locked");
    }

    @Override
    public void reset(String key) {
        Objects.requireNonNull(key, "key");
        jdbc.sql(RESET).param("key", key).update();
    }

    @Override
    public void release(String key) {
        Objects.requireNonNull(key, "key");
        jdbc.sql(RELEASE).param("key", key).update();
    }

    @Override
    public void settle(Collection<String> resetKeys, Optional<String> releaseKey) {
        Objects.requireNonNull(resetKeys, "resetKeys");
        Objects.requireNonNull(releaseKey, "releaseKey");
        if (resetKeys.isEmpty()) {
            releaseKey.ifPresent(this::release);
        } else if (releaseKey.isEmpty()) {
            jdbc.sql(RESET_ALL).param("reset", List.copyOf(resetKeys)).update();
        } else {
            jdbc.sql(SETTLE).param("reset", List.copyOf(resetKeys)).param("release", releaseKey.get()).update();
        }
    }

    @Override
    public int failures(String key) {
        Objects.requireNonNull(key, "key");
        return jdbc.sql(FAILURES).param("key", key).query(Integer.class).optional().orElse(0);
    }

    @Override
    public int deleteIdleBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.sql(DELETE_IDLE).param("before", Timestamps.param(Timestamps.truncate(before))).update();
    }
}
