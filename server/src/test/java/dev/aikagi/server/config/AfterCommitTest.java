package dev.aikagi.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A message queued in a transaction is handed to another thread only once the transaction has committed. */
class AfterCommitTest {

    final JdbcTemplate jdbc;
    final TransactionTemplate transaction;
    final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    AfterCommitTest() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:after-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("create table queued (id integer primary key)");
    }

    @AfterEach
    void stop() {
        otherThread.shutdownNow();
    }

    @Test
    void outsideATransactionThenRunsAtOnce() {
        List<String> ran = new ArrayList<>();

        AfterCommit.run(() -> ran.add("now"));

        assertThat(ran).containsExactly("now");
    }

    @Test
    void insideATransactionThenRunsAfterTheCommitAndAnotherThreadSeesWhatWasWritten() throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        List<String> ran = new ArrayList<>();

        transaction.executeWithoutResult(status -> {
            jdbc.update("insert into queued (id) values (1)");
            AfterCommit.run(() -> {
                ran.add("after commit");
                otherThread.execute(() -> seen.complete(
                        jdbc.queryForObject("select count(*) from queued where id = 1", Integer.class)));
            });
            assertThat(ran).as("not before the commit").isEmpty();
        });

        assertThat(ran).containsExactly("after commit");
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void transactionRolledBackThenNeverRuns() {
        List<String> ran = new ArrayList<>();

        transaction.executeWithoutResult(status -> {
            jdbc.update("insert into queued (id) values (2)");
            AfterCommit.run(() -> ran.add("after commit"));
            status.setRollbackOnly();
        });

        assertThat(ran).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from queued", Integer.class)).isZero();
    }
}
