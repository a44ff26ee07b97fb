package dev.aikagi.server.config;

import dev.aikagi.core.flow.LoginFlowRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes login flows that expired, so half-finished logins do not pile up in the database. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private final LoginFlowRepository flows;
    private final Clock clock;

    Housekeeping(LoginFlowRepository flows, Clock clock) {
        this.flows = flows;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void deleteExpiredLoginFlows() {
        int deleted = flows.deleteExpired(clock.instant());
        if (deleted > 0) {
            log.debug("Deleted {} expired login flows", deleted);
        }
    }
}
