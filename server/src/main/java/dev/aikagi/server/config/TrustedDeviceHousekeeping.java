package dev.aikagi.server.config;

import dev.aikagi.core.trust.TrustedDeviceRepository;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Issue 17: deletes trusted devices whose trust expired (a day late, so the list never flickers at the edge). Apart
 * from {@link Housekeeping} so that each part of the product cleans its own table; safe on several nodes at once,
 * each run being one idempotent DELETE.
 */
@Configuration(proxyBeanMethods = false)
class TrustedDeviceHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(TrustedDeviceHousekeeping.class);

    private final TrustedDeviceRepository devices;
    private final Clock clock;

    TrustedDeviceHousekeeping(TrustedDeviceRepository devices, Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
    void deleteExpired() {
        int deleted = devices.deleteExpiredBefore(clock.instant().minus(java.time.Duration.ofDays(1)));
        if (deleted > 0) {
            log.debug("Deleted {} expired trusted devices", deleted);
        }
    }
}
