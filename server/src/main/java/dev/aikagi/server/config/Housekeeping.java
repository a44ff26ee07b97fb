package dev.aikagi.server.config;

import dev.aikagi.core.code.OneTimeCodeRepository;
import dev.aikagi.core.login.LoginFlowRepository;
import dev.aikagi.core.notify.AlertTokenRepository;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.server.properties.AikagiProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes login flows, sessions, one-time codes, "this wasn't me" links and recoveries that ended, and attempt
 * counters quiet for {@link #ATTEMPTS_KEPT}, so half-finished logins and abandoned sessions do not pile up in the
 * database. Safe on several nodes at once: each run is one idempotent DELETE.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    /** Longer than any attempt budget's longest wait (an hour), so no live back-off is forgotten early. */
    static final java.time.Duration ATTEMPTS_KEPT = java.time.Duration.ofDays(30);
    private final LoginFlowRepository flows;
    private final SessionRepository sessions;
    private final OneTimeCodeRepository codes;
    private final AlertTokenRepository alertTokens;
    private final dev.aikagi.core.recovery.RecoveryRepository recoveries;
    private final AttemptRepository attempts;
    private final java.time.Duration recoveryKept;
    private final Clock clock;

    Housekeeping(LoginFlowRepository flows, SessionRepository sessions, OneTimeCodeRepository codes,
                 AlertTokenRepository alertTokens, dev.aikagi.core.recovery.RecoveryRepository recoveries,
                 AttemptRepository attempts, AikagiProperties properties, Clock clock) {
        this.attempts = attempts;
        this.recoveries = recoveries;
        // A completed recovery freezes email and phone for contact-freeze: its case must outlive that.
        java.time.Duration freeze = properties.recovery().contactFreeze();
        this.recoveryKept = freeze.compareTo(java.time.Duration.ofDays(1)) > 0 ? freeze : java.time.Duration.ofDays(1);
        this.flows = flows;
        this.sessions = sessions;
        this.codes = codes;
        this.alertTokens = alertTokens;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void deleteEnded() {
        int deleted = flows.deleteExpired(clock.instant());
        int ended = sessions.deleteInactive(clock.instant());
        // Codes are kept a day past expiry so a late "already used"/"expired" answer stays accurate.
        int oldCodes = codes.deleteExpiredBefore(clock.instant().minus(java.time.Duration.ofDays(1)));
        int oldLinks = alertTokens.deleteExpiredBefore(clock.instant());
        int oldRecoveries = recoveries.deleteExpiredBefore(clock.instant().minus(recoveryKept));
        int quietCounters = attempts.deleteIdleBefore(clock.instant().minus(ATTEMPTS_KEPT));
        if (deleted + ended + oldCodes + oldLinks + oldRecoveries + quietCounters > 0) {
            log.debug("Deleted {} expired login flows, {} ended sessions, {} old codes, {} expired alert links, {}"
                    + " old recoveries and {} quiet attempt counters", deleted, ended, oldCodes, oldLinks, oldRecoveries,
                    quietCounters);
        }
    }
}
