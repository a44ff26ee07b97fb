package dev.aikagi.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import dev.aikagi.core.trust.InMemoryTrustedDeviceRepository;
import dev.aikagi.core.trust.TrustedDevice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrustedDeviceHousekeepingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void deleteExpiredWhenExpiredMoreThanADayAgoThenDeletedAndOthersKept() {
        InMemoryTrustedDeviceRepository devices = new InMemoryTrustedDeviceRepository();
        AccountId owner = new AccountId(UUID.randomUUID());
        TrustedDevice old = device(owner, NOW.minus(Duration.ofDays(2)));
        TrustedDevice justExpired = device(owner, NOW.minus(Duration.ofHours(1)));
        TrustedDevice active = device(owner, NOW.plus(Duration.ofDays(3)));
        devices.add(old);
        devices.add(justExpired);
        devices.add(active);

        new TrustedDeviceHousekeeping(devices, Clock.fixed(NOW, ZoneOffset.UTC)).deleteExpired();

        assertThat(devices.find(old.id())).isEmpty();
        assertThat(devices.find(justExpired.id())).isPresent();
        assertThat(devices.find(active.id())).isPresent();
    }

    private static TrustedDevice device(AccountId owner, Instant expiresAt) {
        Instant created = expiresAt.minus(Duration.ofDays(30));
        return new TrustedDevice(UUID.randomUUID(), owner, TrustedDevice.Kind.BROWSER,
                new KeyedDigest("p1", new byte[] {1}, new byte[] {2}), "chrome/windows", created, created,
                "192.0.2.0/24", expiresAt);
    }
}
