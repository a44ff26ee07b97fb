package dev.aikagi.core.trust;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TrustedDeviceRepository} must do (issue 17). Subclasses supply the implementation. */
public abstract class TrustedDeviceRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration DAY = Duration.ofDays(1);

    private TrustedDeviceRepository devices;
    private AccountRepository accounts;

    protected abstract TrustedDeviceRepository createRepository();

    /** Where the accounts are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        devices = createRepository();
        accounts = accountRepository();
    }

    @Test
    void addWhenFoundThenEveryFieldKept() {
        AccountId owner = newAccount();
        TrustedDevice device = device(owner, TrustedDevice.Kind.APP, T0, T0.plus(DAY.multipliedBy(30)));

        devices.add(device);

        assertThat(devices.find(device.id())).contains(device);
        assertThat(devices.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void activeWhenExpiredOrAnotherAccountThenLeftOutAndMostRecentlyUsedFirst() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        TrustedDevice old = device(owner, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY.multipliedBy(30)));
        TrustedDevice recent = device(owner, TrustedDevice.Kind.BROWSER, T0.plus(DAY), T0.plus(DAY.multipliedBy(31)));
        TrustedDevice expired = device(owner, TrustedDevice.Kind.APP, T0, T0.plus(DAY));
        devices.add(old);
        devices.add(recent);
        devices.add(expired);
        devices.add(device(other, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY.multipliedBy(30))));

        assertThat(devices.active(owner, T0.plus(DAY.multipliedBy(2)))).extracting(TrustedDevice::id)
                .containsExactly(recent.id(), old.id());
        // Exactly at the expiry the trust has ended.
        assertThat(devices.active(owner, T0.plus(DAY.multipliedBy(30)))).extracting(TrustedDevice::id)
                .containsExactly(recent.id());
    }

    @Test
    void touchWhenActiveThenLastUseAndNetworkRecorded() {
        AccountId owner = newAccount();
        TrustedDevice device = device(owner, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY.multipliedBy(30)));
        devices.add(device);

        assertThat(devices.touch(device.id(), owner, T0.plus(DAY), "198.51.100.0/24")).isTrue();

        TrustedDevice touched = devices.find(device.id()).orElseThrow();
        assertThat(touched.lastUsedAt()).isEqualTo(T0.plus(DAY));
        assertThat(touched.lastNetwork()).isEqualTo("198.51.100.0/24");
        assertThat(touched.createdAt()).isEqualTo(T0);
    }

    @Test
    void touchWhenExpiredOrAnotherAccountThenFalse() {
        AccountId owner = newAccount();
        TrustedDevice device = device(owner, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY));
        devices.add(device);

        assertThat(devices.touch(device.id(), newAccount(), T0, "198.51.100.0/24")).isFalse();
        assertThat(devices.touch(device.id(), owner, T0.plus(DAY), "198.51.100.0/24")).isFalse();
        assertThat(devices.find(device.id()).orElseThrow().lastNetwork()).isEqualTo("192.0.2.0/24");
    }

    @Test
    void removeWhenAnotherAccountsDeviceThenFalseAndKept() {
        AccountId owner = newAccount();
        TrustedDevice device = device(owner, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY));
        devices.add(device);

        assertThat(devices.remove(newAccount(), device.id())).isFalse();
        assertThat(devices.remove(owner, device.id())).isTrue();
        assertThat(devices.remove(owner, device.id())).isFalse();
        assertThat(devices.find(device.id())).isEmpty();
    }

    @Test
    void removeAllWhenTwoAccountsThenOnlyThatAccountsDevicesGone() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        devices.add(device(owner, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY)));
        devices.add(device(owner, TrustedDevice.Kind.APP, T0, T0.plus(DAY)));
        TrustedDevice kept = device(other, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY));
        devices.add(kept);

        assertThat(devices.removeAll(owner)).isEqualTo(2);

        assertThat(devices.active(owner, T0)).isEmpty();
        assertThat(devices.active(other, T0)).extracting(TrustedDevice::id).containsExactly(kept.id());
    }

    @Test
    void deleteExpiredBeforeWhenOneExpiredThenOnlyThatOneDeleted() {
        AccountId owner = newAccount();
        TrustedDevice expired = device(owner, TrustedDevice.Kind.BROWSER, T0, T0.plus(DAY));
        TrustedDevice active = device(owner, TrustedDevice.Kind.APP, T0, T0.plus(DAY.multipliedBy(30)));
        devices.add(expired);
        devices.add(active);

        assertThat(devices.deleteExpiredBefore(T0.plus(DAY.multipliedBy(2)))).isEqualTo(1);

        assertThat(devices.find(expired.id())).isEmpty();
        assertThat(devices.find(active.id())).isPresent();
    }

    private static TrustedDevice device(AccountId owner, TrustedDevice.Kind kind, Instant at, Instant expiresAt) {
        KeyedDigest digest = new KeyedDigest("p1", new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8, 9});
        return new TrustedDevice(UUID.randomUUID(), owner, kind, digest, "chrome/windows", at, at, "192.0.2.0/24",
                expiresAt);
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }
}
