package dev.aikagi.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwoStepResetsTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "雪の日のゆきだるま";

    private final TestWorld world = new TestWorld("2026-12-07T06:00:00Z", 19);
    private final TwoStepResets resets = world.core.twoStepResets();
    private AccountId hanako;

    @BeforeEach
    void accountWithAppAndBackupCodes() {
        hanako = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator, world.audit,
                world.clock).register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();
        var enrollment = world.totp.begin(hanako, "hanako", world.clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(world.totp.confirm(hanako, Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT),
                world.clock.instant()).isAccepted()).isTrue();
        world.backupCodes.issue(hanako, world.clock.instant());
    }

    @Test
    void requestWhenWaitingPeriodNotOverThenMethodsStayAndAfterItTheyGoAndSessionsEnd() {
        Instant effectiveAt = resets.request(hanako, AdminTwoStep.Method.ALL, "client:ops").doneValue().orElseThrow();
        assertThat(effectiveAt).isEqualTo(world.clock.instant().plus(RecoveryPolicy.DEFAULT.waitingPeriod()));
        Session session = world.sessions.openRecovery(hanako, Session.Kind.API).session();

        world.clock.advance(RecoveryPolicy.DEFAULT.waitingPeriod().minusSeconds(1));
        assertThat(resets.applyDue()).isZero();
        assertThat(world.totp.isEnrolled(hanako)).isTrue();

        world.clock.advance(Duration.ofSeconds(1));
        assertThat(resets.applyDue()).isEqualTo(1);
        assertThat(resets.applyDue()).isZero();

        assertThat(world.totp.isEnrolled(hanako)).isFalse();
        assertThat(world.backupCodes.hasCodes(hanako)).isFalse();
        assertThat(world.sessions.active(hanako)).noneMatch(s -> s.id().equals(session.id()));
        assertThat(world.auditLog.all()).anyMatch(e -> e.type() == AuditType.TWO_STEP_RESET_REQUESTED)
                .anyMatch(e -> e.type() == AuditType.TWO_STEP_RESET_DONE);
    }

    @Test
    void cancelAllWhenWaitingThenNothingIsRemovedLater() {
        resets.request(hanako, AdminTwoStep.Method.TOTP, "command");

        assertThat(resets.cancelAll(hanako, null)).isEqualTo(1);
        world.clock.advance(RecoveryPolicy.DEFAULT.waitingPeriod().plusHours(1));

        assertThat(resets.applyDue()).isZero();
        assertThat(world.totp.isEnrolled(hanako)).isTrue();
    }

    @Test
    void requestWhenMethodMissingOrUserUnknownThenRefused() {
        assertThat(resets.request(hanako, AdminTwoStep.Method.SMS, "command").refusal())
                .contains(AdminFailure.METHOD_NOT_FOUND);
        assertThat(resets.request(new AccountId(java.util.UUID.randomUUID()), AdminTwoStep.Method.ALL, "command")
                .refusal()).contains(AdminFailure.USER_NOT_FOUND);
    }
}
