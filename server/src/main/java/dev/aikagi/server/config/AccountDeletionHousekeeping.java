package dev.aikagi.server.config;

import dev.aikagi.core.settings.AccountDeletion;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Erases the accounts whose deletion came due ({@code aikagi.account.delete-after} after their owner asked), on
 * every node: the erasure is idempotent and one transaction, so two nodes taking the same account erase it once.
 */
@Configuration(proxyBeanMethods = false)
class AccountDeletionHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletionHousekeeping.class);

    private final AccountDeletion deletions;

    AccountDeletionHousekeeping(AccountDeletion deletions) {
        this.deletions = Objects.requireNonNull(deletions, "deletions");
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT10M")
    void eraseDue() {
        int erased = deletions.eraseDue();
        if (erased > 0) {
            log.info("Erased {} accounts whose deletion came due", erased);
        }
    }
}
