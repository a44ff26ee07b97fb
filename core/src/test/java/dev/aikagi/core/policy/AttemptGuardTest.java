package dev.aikagi.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private final InMemoryAttemptRepository attempts = new InMemoryAttemptRepository();
    private final AttemptBudget tight = new AttemptBudget(2, Duration.ofSeconds(10), Duration.ofMinutes(1), 0, Duration.ZERO);
    private final AttemptPolicy policy = new AttemptPolicy(Map.of(
            FactorKind.PASSWORD, tight, FactorKind.TOTP, tight, FactorKind.SMS, tight, FactorKind.BACKUP_CODE, tight,
            FactorKind.REMEMBERED_DEVICE, tight,
            FactorKind.PASSKEY, tight),
            new AttemptBudget(3, Duration.ofSeconds(10), Duration.ofMinutes(1), 0, Duration.ofHours(1)));
    private final AttemptGuard guard = new AttemptGuard(attempts, policy);

    @Test
    void beginWhenAttemptCountedThenCountedBeforeAnyCheck() {
        AttemptGuard.Result result = guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW);

        assertThat(result.ticket()).isPresent();
        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.TOTP, "acct-1"))).isEqualTo(1);
        assertThat(attempts.failures(AttemptGuard.addressKey(FactorKind.TOTP, "192.0.2.1"))).isEqualTo(1);
    }

    @Test
    void succeededWhenCalledThenAccountResetAndAddressFailureTakenBack() {
        guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW);
        AttemptGuard.Ticket ticket = guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW).ticket().orElseThrow();

        guard.succeeded(ticket);

        assertThat(attempts.failures(ticket.accountKey())).isZero();
        assertThat(attempts.failures(ticket.addressKey())).isEqualTo(1);
    }

    @Test
    void beginWhenAccountOverBudgetThenRateLimitedAndAddressNotCharged() {
        guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW);
        guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.2", NOW);

        AttemptGuard.Result refused = guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.3", NOW);

        assertThat(refused.ticket()).isEmpty();
        assertThat(refused.rejection().orElseThrow().reason()).isEqualTo(RejectReason.RATE_LIMITED);
        assertThat(refused.rejection().orElseThrow().retryAt()).contains(NOW.plusSeconds(10));
        assertThat(attempts.failures(AttemptGuard.addressKey(FactorKind.TOTP, "192.0.2.3"))).isZero();
    }

    @Test
    void beginWhenAddressOverBudgetThenRefusedForEveryAccount() {
        for (int i = 0; i < 3; i++) {
            guard.begin(FactorKind.BACKUP_CODE, "acct-" + i, "192.0.2.1", NOW);
        }

        AttemptGuard.Result refused = guard.begin(FactorKind.TOTP, "acct-99", "192.0.2.1", NOW);

        assertThat(refused.rejection().orElseThrow().reason()).isEqualTo(RejectReason.RATE_LIMITED);
        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.TOTP, "acct-99"))).isZero();
        assertThat(guard.begin(FactorKind.PASSWORD, "acct-99", "192.0.2.1", NOW).ticket())
                .as("password attempts are counted apart from second-factor attempts").isPresent();
    }

    @Test
    void succeededAndResetAccountWhenLoginCompleteThenEveryBudgetClearedAndAddressFailureTakenBack() {
        guard.begin(FactorKind.SMS, "acct-1", "198.51.100.7", NOW);
        guard.begin(FactorKind.BACKUP_CODE, "acct-1", "198.51.100.7", NOW);
        AttemptGuard.Ticket device = guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding", NOW)
                .ticket().orElseThrow();
        guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding", NOW);
        guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW);
        AttemptGuard.Ticket ticket = guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW).ticket().orElseThrow();

        guard.succeededAndResetAccount(ticket, "acct-1");

        for (FactorKind kind : FactorKind.values()) {
            assertThat(attempts.failures(AttemptGuard.accountKey(kind, "acct-1"))).as(kind.name()).isZero();
        }
        assertThat(attempts.failures(ticket.addressKey())).isEqualTo(1);
        // Another device's own budget is its own: a login elsewhere does not reset it.
        assertThat(attempts.failures(device.accountKey())).isEqualTo(2);

        guard.succeededAndResetAccount(device, "acct-1");
        assertThat(attempts.failures(device.accountKey())).isZero();
    }

    @Test
    void resetAccountWhenLoginCompleteThenEveryFactorBudgetCleared() {
        guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW);
        guard.begin(FactorKind.BACKUP_CODE, "acct-1", "192.0.2.1", NOW);

        guard.resetAccount("acct-1");

        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.TOTP, "acct-1"))).isZero();
        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.BACKUP_CODE, "acct-1"))).isZero();
    }

    @Test
    void defaultPolicyWhenComparedThenBackupCodesTighterThanTotp() {
        AttemptBudget backup = AttemptPolicy.DEFAULT.forAccount(FactorKind.BACKUP_CODE);
        AttemptBudget totp = AttemptPolicy.DEFAULT.forAccount(FactorKind.TOTP);

        assertThat(backup.freeFailures()).isLessThan(totp.freeFailures());
        assertThat(backup.hardLimit()).isLessThan(totp.hardLimit());
        assertThat(totp.hardLimit()).isLessThanOrEqualTo(100);
        assertThat(AttemptPolicy.DEFAULT.forAccount(FactorKind.PASSWORD).hardLimit())
                .as("no attacker-imposed permanent lockout on the step anyone can reach").isZero();
    }

    @Test
    void beginWhenIpv6AddressesShareA64ThenTheyShareOneBudget() {
        // Issue 14: an IPv6 client picks a fresh address from its /64 per request; the limit must not care.
        for (int i = 1; i <= 3; i++) {
            guard.begin(FactorKind.PASSWORD, "acct-" + i, "2001:db8:1:2::" + Integer.toHexString(i), NOW);
        }

        AttemptGuard.Result refused = guard.begin(FactorKind.PASSWORD, "acct-9", "2001:db8:1:2:ffff:1:2:3", NOW);

        assertThat(refused.rejection().orElseThrow().reason()).isEqualTo(RejectReason.RATE_LIMITED);
        assertThat(guard.begin(FactorKind.PASSWORD, "acct-9", "2001:db8:1:3::1", NOW).ticket())
                .as("the next /64 is another client").isPresent();
    }

    @Test
    void beginFromKnownDeviceWhenAccountAndAddressOverBudgetThenStillAllowed() {
        // Issue 14: failures from elsewhere never refuse a device bound by a recent full login.
        for (int i = 0; i < 50; i++) {
            guard.begin(FactorKind.PASSWORD, "acct-1", "192.0.2.1", NOW);
        }
        assertThat(guard.begin(FactorKind.PASSWORD, "acct-1", "192.0.2.1", NOW).rejection()).isPresent();

        AttemptGuard.Result known = guard.beginFromKnownDevice(FactorKind.PASSWORD, "acct-1", "binding-1", NOW);

        assertThat(known.ticket()).isPresent();
        assertThat(known.ticket().orElseThrow().addressKey()).isNull();
        assertThat(attempts.failures(AttemptGuard.deviceKey(FactorKind.PASSWORD, "acct-1", "binding-1"))).isEqualTo(1);
    }

    @Test
    void beginFromKnownDeviceWhenItsOwnFailuresOverBudgetThenThrottled() {
        guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding-1", NOW);
        guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding-1", NOW);

        AttemptGuard.Result refused = guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding-1", NOW);

        assertThat(refused.rejection().orElseThrow().reason()).isEqualTo(RejectReason.RATE_LIMITED);
        assertThat(guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding-2", NOW).ticket())
                .as("another known device has its own budget").isPresent();
        assertThat(guard.begin(FactorKind.TOTP, "acct-1", "192.0.2.1", NOW).ticket())
                .as("the device's failures do not count on the account").isPresent();
    }

    @Test
    void succeededWhenKnownDeviceThenItsBudgetResets() {
        guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding-1", NOW);
        AttemptGuard.Ticket ticket = guard.beginFromKnownDevice(FactorKind.TOTP, "acct-1", "binding-1", NOW)
                .ticket().orElseThrow();

        guard.succeeded(ticket);

        assertThat(attempts.failures(AttemptGuard.deviceKey(FactorKind.TOTP, "acct-1", "binding-1"))).isZero();
    }
}
