package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.DeliveryState;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.policy.ClientAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logging in with a code by SMS, "send again" and its limits. */
class SmsLoginTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.30");
    private static final String PASSWORD = "春の小川はさらさら行くよ";
    private static final String PHONE = "+819012345678";

    private final TestWorld world = new TestWorld("2026-11-25T09:00:00Z", 11);
    private final MutableClock clock = world.clock;
    private final SecretGenerator generator = world.generator;
    private final InMemoryAccountRepository accounts = world.accounts;
    private final PasswordHasher hasher = world.hasher;
    private final TotpAuthenticator totp = world.totp;
    private final BackupCodes backupCodes = world.backupCodes;
    private final InMemoryAuditLog auditLog = world.auditLog;
    private final Auditor audit = world.audit;
    private final TestChannels channels = world.channels;
    private final LoginService login = world.login;

    private AccountId account;

    @BeforeEach
    void smsOnlyAccount() {
        SignUp signUp = new SignUp(accounts, hasher, new PasswordPolicy(Set.of()), generator, audit, clock);
        account = signUp.register("hanako", PASSWORD, "192.0.2.1").doneValue().orElseThrow();
        channels.addPhone(account, PHONE, clock.instant());
        backupCodes.issue(account, clock.instant());
    }

    private LoginFlow passwordStep() {
        LoginResult result = login.submitPassword("hanako", PASSWORD, FROM);
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        return ((LoginResult.SecondFactorRequired) result).flow();
    }

    @Test
    void smsIsTheChallengeWhenThereIsNoAuthenticatorAndBackupCodesRemainOnTheList() {
        LoginFlow flow = passwordStep();
        assertThat(flow.challenge()).isEqualTo(FactorKind.SMS);
        assertThat(flow.secondFactors()).containsExactlyInAnyOrder(FactorKind.SMS, FactorKind.BACKUP_CODE);
        assertThat(login.smsDestination(flow)).contains("•••• ••78");
        assertThat(channels.sent).as("nothing is texted before the person asks").isEmpty();
    }

    @Test
    void theCodeTextedForThisFlowLogsIn() {
        LoginFlow flow = passwordStep();
        Outcome<SendResult.Sent, LoginFailure> sent = login.sendCode(flow.id(), FactorKind.SMS, FROM);
        assertThat(sent.doneValue()).isPresent();
        assertThat(sent.doneValue().get().destination()).isEqualTo("•••• ••78");
        assertThat(sent.doneValue().get().nextSendAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(channels.to(PHONE)).hasSize(1);
        assertThat(channels.to(PHONE).get(0).kind()).isEqualTo("login_code");

        LoginResult result = login.verifySecondFactor(flow.id(), FactorKind.SMS, channels.lastCode(PHONE), FROM);

        assertThat(result).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(((LoginResult.Authenticated) result).flow().amr()).containsExactly("pwd", "sms");
        assertThat(auditLog.recent(account, 10)).extracting(e -> e.type()).contains(AuditType.CODE_SENT, AuditType.LOGIN_SUCCEEDED);
    }

    @Test
    void aCodeWorksOnceAndOnlyForTheFlowThatAskedForIt() {
        LoginFlow first = passwordStep();
        login.sendCode(first.id(), FactorKind.SMS, FROM);
        String code = channels.lastCode(PHONE);
        LoginFlow second = passwordStep();

        assertThat(failure(login.verifySecondFactor(second.id(), FactorKind.SMS, code, FROM)))
                .isEqualTo(LoginFailure.CODE_INVALID);
        assertThat(login.verifySecondFactor(first.id(), FactorKind.SMS, code, FROM))
                .isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void sendCodeWhenTheHourlyCapIsSpentThenTooManySendsNotSentRecently() {
        LoginFlow flow = passwordStep();
        for (int i = 0; i < 5; i++) {
            assertThat(login.sendCode(flow.id(), FactorKind.SMS, FROM).doneValue()).as("send " + (i + 1)).isPresent();
            clock.advance(Duration.ofSeconds(31));
        }

        Outcome<SendResult.Sent, LoginFailure> sixth = login.sendCode(flow.id(), FactorKind.SMS, FROM);

        assertThat(sixth.refusal()).contains(LoginFailure.TOO_MANY_SENDS);
        assertThat(sixth.retryAt().orElseThrow()).isAfter(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void sendAgainIsCooledDownAndOnlyTheNewestCodeWorks() {
        LoginFlow flow = passwordStep();
        login.sendCode(flow.id(), FactorKind.SMS, FROM);
        String older = channels.lastCode(PHONE);

        Outcome<SendResult.Sent, LoginFailure> tooSoon = login.sendCode(flow.id(), FactorKind.SMS, FROM);
        assertThat(tooSoon.refusal()).as("issue 17: a code went moments ago, not too many")
                .contains(LoginFailure.SENT_RECENTLY);
        assertThat(tooSoon.retryAt()).contains(clock.instant().plusSeconds(30));
        assertThat(channels.to(PHONE)).hasSize(1);

        clock.advance(Duration.ofSeconds(31));
        assertThat(login.sendCode(flow.id(), FactorKind.SMS, FROM).doneValue()).isPresent();
        String newer = channels.lastCode(PHONE);
        assertThat(channels.to(PHONE)).hasSize(2);

        if (!older.equals(newer)) {
            assertThat(failure(login.verifySecondFactor(flow.id(), FactorKind.SMS, older, FROM)))
                    .isEqualTo(LoginFailure.CODE_SUPERSEDED);
        }
        assertThat(login.verifySecondFactor(flow.id(), FactorKind.SMS, newer, FROM))
                .isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void twentyRapidSendAgainRequestsSendOneMessage() {
        LoginFlow flow = passwordStep();
        for (int i = 0; i < 20; i++) {
            login.sendCode(flow.id(), FactorKind.SMS, FROM);
        }
        assertThat(channels.to(PHONE)).hasSize(1);
    }

    @Test
    void theHourlyCapHoldsEvenWhenEachRequestWaitsOutTheCoolDown() {
        int sent = 0;
        for (int i = 0; i < 20; i++) {
            LoginFlow flow = passwordStep();
            if (login.sendCode(flow.id(), FactorKind.SMS, FROM).doneValue().isPresent()) {
                sent++;
            }
            clock.advance(Duration.ofSeconds(31));
        }
        assertThat(sent).isEqualTo(5);
        assertThat(channels.to(PHONE)).hasSize(5);
    }

    @Test
    void sendingAgainNeverResetsTheFailureCount() {
        LoginFlow flow = passwordStep();
        login.sendCode(flow.id(), FactorKind.SMS, FROM);
        for (int i = 0; i < 5; i++) {
            assertThat(failure(login.verifySecondFactor(flow.id(), FactorKind.SMS, "000000", FROM)))
                    .isIn(LoginFailure.CODE_INVALID);
        }
        clock.advance(Duration.ofSeconds(31));
        assertThat(login.sendCode(flow.id(), FactorKind.SMS, FROM).doneValue()).isPresent();
        // The sixth guess is allowed after the 30 s back-off; the seventh must wait 60 s more.
        assertThat(failure(login.verifySecondFactor(flow.id(), FactorKind.SMS, "000000", FROM))).isEqualTo(LoginFailure.CODE_INVALID);
        assertThat(failure(login.verifySecondFactor(flow.id(), FactorKind.SMS, channels.lastCode(PHONE), FROM)))
                .isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS);
    }

    @Test
    void aGatewayFailureIsVisibleAndTheMessageStaysQueued() {
        LoginFlow flow = passwordStep();
        channels.gatewayDown = true;

        Outcome<SendResult.Sent, LoginFailure> result = login.sendCode(flow.id(), FactorKind.SMS, FROM);

        assertThat(result.refusal()).contains(LoginFailure.DELIVERY_FAILED);
        assertThat(channels.queue.all()).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(m.sealedBody()).doesNotContain("code=");
        });
        assertThat(auditLog.recent(account, 10)).extracting(e -> e.type()).contains(AuditType.CODE_SEND_FAILED);
    }

    @Test
    void aWrongSmsCodeIsAuditedWithItsChannel() {
        LoginFlow flow = passwordStep();
        login.sendCode(flow.id(), FactorKind.SMS, FROM);
        login.verifySecondFactor(flow.id(), FactorKind.SMS, "12345", FROM);
        List<dev.aikagi.core.audit.AuditEvent> events = auditLog.recent(account, 10);
        assertThat(events).filteredOn(e -> e.type() == AuditType.LOGIN_SECOND_FACTOR_FAILED)
                .singleElement().satisfies(e -> {
                    assertThat(e.details()).containsEntry("channel", "sms").containsEntry("reason", "MALFORMED_INPUT");
                });
    }

    @Test
    void sendCodeIsRefusedForAnotherMethodOrAnUnknownFlow() {
        LoginFlow flow = passwordStep();
        assertThat(login.sendCode(flow.id(), FactorKind.TOTP, FROM).refusal()).contains(LoginFailure.METHOD_NOT_AVAILABLE);
        assertThat(login.sendCode(UUID.randomUUID(), FactorKind.SMS, FROM).refusal()).contains(LoginFailure.FLOW_EXPIRED);
    }

    private static LoginFailure failure(LoginResult result) {
        assertThat(result).isInstanceOf(LoginResult.Failed.class);
        return ((LoginResult.Failed) result).failure();
    }
}
