package dev.aikagi.core.notify;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KnownDeviceRepository} must do. Subclasses supply the implementation under test. A
 * login from a device the account has not seen is notified, so "first time" must be true exactly once per
 * account and device, and again after the account's devices were forgotten.
 */
public abstract class KnownDeviceRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final String LAPTOP = "a".repeat(64);
    private static final String PHONE = "b".repeat(64);

    private KnownDeviceRepository devices;
    private AccountRepository accounts;

    /** A repository that knows no devices. */
    protected abstract KnownDeviceRepository createRepository();

    /** Where the accounts are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        devices = createRepository();
        accounts = accountRepository();
    }

    @Test
    void rememberWhenFirstLoginFromDeviceThenTrue() {
        assertThat(devices.remember(newAccount(), LAPTOP, T0)).isTrue();
    }

    @Test
    void rememberWhenDeviceSeenBeforeThenFalse() {
        AccountId owner = newAccount();
        devices.remember(owner, LAPTOP, T0);

        assertThat(devices.remember(owner, LAPTOP, T0.plus(DAY))).isFalse();
        assertThat(devices.remember(owner, LAPTOP, T0.plus(DAY.multipliedBy(30)))).isFalse();
    }

    @Test
    void rememberWhenSameInstantOrEarlierThenStillKnown() {
        AccountId owner = newAccount();
        devices.remember(owner, LAPTOP, T0.plus(DAY));

        assertThat(devices.remember(owner, LAPTOP, T0.plus(DAY))).isFalse();
        assertThat(devices.remember(owner, LAPTOP, T0)).as("a node whose clock is behind").isFalse();
    }

    @Test
    void rememberWhenOtherDeviceOfSameAccountThenTrue() {
        AccountId owner = newAccount();
        devices.remember(owner, LAPTOP, T0);

        assertThat(devices.remember(owner, PHONE, T0.plusSeconds(1))).isTrue();
    }

    @Test
    void rememberWhenOtherAccountKnowsTheDeviceThenTrue() {
        AccountId owner = newAccount();
        AccountId sibling = newAccount();
        devices.remember(sibling, LAPTOP, T0);

        // One shared family computer: each account is told about its own first login from it.
        assertThat(devices.remember(owner, LAPTOP, T0.plusSeconds(1))).isTrue();
    }

    @Test
    void forgetAllWhenDevicesKnownThenCountsThemAndTheyAreNewAgain() {
        AccountId owner = newAccount();
        devices.remember(owner, LAPTOP, T0);
        devices.remember(owner, PHONE, T0);
        devices.remember(owner, PHONE, T0.plusSeconds(1));

        assertThat(devices.forgetAll(owner)).isEqualTo(2);

        assertThat(devices.remember(owner, LAPTOP, T0.plus(DAY))).isTrue();
        assertThat(devices.remember(owner, PHONE, T0.plus(DAY))).isTrue();
    }

    @Test
    void forgetAllWhenOtherAccountHasDevicesThenKeepsThem() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        devices.remember(owner, LAPTOP, T0);
        devices.remember(other, LAPTOP, T0);
        devices.remember(other, PHONE, T0);

        assertThat(devices.forgetAll(owner)).isEqualTo(1);

        assertThat(devices.remember(other, LAPTOP, T0.plus(DAY))).isFalse();
        assertThat(devices.remember(other, PHONE, T0.plus(DAY))).isFalse();
        assertThat(devices.forgetAll(other)).isEqualTo(2);
    }

    @Test
    void forgetAllWhenNoDevicesThenZero() {
        AccountId owner = newAccount();
        devices.remember(newAccount(), LAPTOP, T0);

        assertThat(devices.forgetAll(owner)).isZero();
    }

    @Test
    void lastLoginWhenNeverBoundThenEmpty() {
        AccountId owner = newAccount();
        devices.remember(owner, LAPTOP, T0);

        assertThat(devices.lastLogin(owner, LAPTOP)).as("a notice-only device is not bound").isEmpty();
    }

    @Test
    void bindWhenBoundAgainLaterThenLastLoginMovesForwardOnly() {
        AccountId owner = newAccount();
        devices.bind(owner, LAPTOP, T0);
        assertThat(devices.lastLogin(owner, LAPTOP)).contains(T0);

        devices.bind(owner, LAPTOP, T0.plus(DAY));
        devices.bind(owner, LAPTOP, T0);

        assertThat(devices.lastLogin(owner, LAPTOP)).as("a node whose clock is behind").contains(T0.plus(DAY));
        assertThat(devices.lastLogin(owner, PHONE)).isEmpty();
    }

    @Test
    void bindWhenOtherAccountThenNotBoundThere() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        devices.bind(owner, LAPTOP, T0);

        assertThat(devices.lastLogin(other, LAPTOP)).isEmpty();
    }

    @Test
    void forgetAllWhenBoundThenBindingsGoToo() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        devices.bind(owner, LAPTOP, T0);
        devices.bind(other, LAPTOP, T0);

        devices.forgetAll(owner);

        assertThat(devices.lastLogin(owner, LAPTOP)).isEmpty();
        assertThat(devices.lastLogin(other, LAPTOP)).contains(T0);
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }
}
