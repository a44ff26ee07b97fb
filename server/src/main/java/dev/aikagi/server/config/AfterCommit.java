package dev.aikagi.server.config;

import java.util.Objects;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action once the calling thread's database transaction has committed, or at once outside a
 * transaction. A message queued inside a transaction (recovery completion, for one) is invisible to other
 * threads until then, so handing its id to another thread earlier would find nothing; after a rollback the
 * message is gone and nothing is to be sent.
 */
final class AfterCommit {

    private AfterCommit() {
    }

    static void run(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
