package dev.aikagi.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.trust.TrustedDevices;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a recovery ({@link RecoveryCompletion}): the owner's normal login and the notice's "this wasn't me"
 * link cancel it. (Completion itself is tested along the whole journey in {@link RecoveryServiceTest}.)
 */
class RecoveryCompletionTest {

    private final RecoveryServiceTest fixture = new RecoveryServiceTest();

    @BeforeEach
    void accountWithAppPhoneEmailAndBackupCodes() {
        fixture.accountWithAppPhoneEmailAndBackupCodes();
    }

    @Test
    void theOwnerLoggingInNormallyCancelsTheRecovery() {
        RecoveryService.Started id = fixture.started("hanako");
        fixture.prove(id, Proof.EMAIL);
        fixture.prove(id, Proof.PASSWORD);

        fixture.loggedIn();

        assertThat(fixture.recovery.status(id.id(), id.token()).doneValue().orElseThrow().state()).isEqualTo(RecoveryState.CANCELLED);
        fixture.clock.advance(Duration.ofHours(25));
        assertThat(fixture.completion.complete(id.id(), id.token(), Session.Kind.API, RecoveryServiceTest.FROM).refusal()).contains(RecoveryFailure.CLOSED);
        assertThat(fixture.auditLog.recent(fixture.account, 50)).extracting(AuditEvent::type).contains(AuditType.RECOVERY_CANCELLED);
    }

    @Test
    void theNoticesLinkCancelsTheRecoveryOnce() {
        RecoveryService.Started id = fixture.started("hanako");
        fixture.prove(id, Proof.SMS);
        fixture.prove(id, Proof.PASSWORD);
        Message notice = fixture.channels.to(RecoveryServiceTest.EMAIL).stream().filter(m -> m.kind().equals("alert.recovery_started"))
                .findFirst().orElseThrow();
        Matcher token = RecoveryServiceTest.LINK.matcher(notice.body());
        assertThat(token.find()).isTrue();

        assertThat(fixture.notifications.reportNotMe(token.group(1), RecoveryServiceTest.FROM.value())).contains(fixture.account);

        assertThat(fixture.recovery.status(id.id(), id.token()).doneValue().orElseThrow().state()).isEqualTo(RecoveryState.CANCELLED);
        assertThat(fixture.notifications.reportNotMe(token.group(1), RecoveryServiceTest.FROM.value())).isEmpty();
    }

    /** Issue 17: the passkeys may be on the lost phone, and a passkey alone is a whole login: a recovery removes them. */
    @Test
    void completeWhenTheAccountHadPasskeysThenTheyAreRemoved() {
        fixture.world.passkeyRepository.create(new dev.aikagi.core.factor.passkey.Passkey(java.util.UUID.randomUUID(),
                fixture.account, "lost-phone", "pk", 3, "phone", fixture.clock.instant(), java.util.Optional.empty()));
        RecoveryService.Started id = fixture.started("hanako");
        fixture.prove(id, Proof.EMAIL);
        fixture.prove(id, Proof.SMS);
        fixture.clock.advance(Duration.ofHours(24));

        assertThat(fixture.completion.complete(id.id(), id.token(), Session.Kind.API, RecoveryServiceTest.FROM).isDone())
                .isTrue();

        assertThat(fixture.world.passkeyRepository.list(fixture.account)).isEmpty();
        assertThat(fixture.world.passkeyRepository.findByCredentialId("lost-phone")).isEmpty();
    }

    @Test
    void completeWhenDoneThenEveryTrustedDeviceForgotten() {
        TrustedDevices trusted = fixture.world.core.trustedDevices();
        assertThat(trusted.rememberBrowser(appLogin(), "chrome/windows", RecoveryServiceTest.FROM).isDone()).isTrue();
        RecoveryService.Started id = fixture.started("hanako");
        fixture.prove(id, Proof.EMAIL);
        fixture.prove(id, Proof.SMS);
        fixture.clock.advance(Duration.ofHours(24));

        assertThat(fixture.completion.complete(id.id(), id.token(), Session.Kind.API, RecoveryServiceTest.FROM).isDone())
                .isTrue();

        assertThat(trusted.list(fixture.account)).as("issue 17: a recovered account trusts no device").isEmpty();
        assertThat(fixture.auditLog.recent(fixture.account, 50)).extracting(AuditEvent::type)
                .contains(AuditType.TRUSTED_DEVICE_REMOVED);
    }

    @Test
    void reportNotMeWhenLinkFollowedThenEveryTrustedDeviceForgotten() {
        TrustedDevices trusted = fixture.world.core.trustedDevices();
        trusted.rememberBrowser(appLogin(), "chrome/windows", RecoveryServiceTest.FROM);
        RecoveryService.Started id = fixture.started("hanako");
        fixture.prove(id, Proof.SMS);
        fixture.prove(id, Proof.PASSWORD);
        Message notice = fixture.channels.to(RecoveryServiceTest.EMAIL).stream()
                .filter(m -> m.kind().equals("alert.recovery_started")).findFirst().orElseThrow();
        Matcher token = RecoveryServiceTest.LINK.matcher(notice.body());
        assertThat(token.find()).isTrue();

        assertThat(fixture.notifications.reportNotMe(token.group(1), RecoveryServiceTest.FROM.value()))
                .contains(fixture.account);

        assertThat(trusted.list(fixture.account)).as("issue 17: \"this wasn't me\" ends every trust").isEmpty();
    }

    /** A login with the app's code, in a new time step: the flow that may be remembered. */
    private dev.aikagi.core.login.LoginFlow appLogin() {
        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) fixture.login.submitPassword("hanako",
                RecoveryServiceTest.PASSWORD, RecoveryServiceTest.FROM);
        fixture.clock.advance(Duration.ofSeconds(30));
        return ((LoginResult.Authenticated) fixture.login.verifySecondFactor(step.flow().id(), FactorKind.TOTP,
                Totp.codeAt(fixture.totpKey, fixture.clock.instant(), TotpParameters.DEFAULT),
                RecoveryServiceTest.FROM)).flow();
    }
}
