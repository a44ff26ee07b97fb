package dev.aikagi.server.config;

import dev.aikagi.core.flow.LoginFlowRepository;
import dev.aikagi.core.session.SessionRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes login flows and sessions that ended, so half-finished logins and abandoned sessions do not
 * pile up in the database. Safe on several nodes at once: each run is one idempotent DELETE.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private final LoginFlowRepository flows;
    private final SessionRepository sessions;
    private final Clock clock;

    Housekeeping(LoginFlowRepository flows, SessionRepository sessions, Clock clock) {
        this.flows = flows;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void deleteEnded() {
        int deleted = flows.deleteExpired(clock.instant());
        int ended = sessions.deleteInactive(clock.instant());
        if (deleted + ended > 0) {
            log.debug("Deleted {} expired login flows and {} ended sessions", deleted, ended);
        }
    }
}
