package dev.aikagi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.recovery.RecoveryState;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The one assembly of the core: nothing can be left out, and what it makes works together. */
class CoreAssemblyTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "correct horse battery staple";

    private final TestWorld world = new TestWorld("2026-12-07T09:00:00Z", 5);

    @Test
    void buildWhenAPortIsMissingThenNamesIt() {
        assertThatNullPointerException().isThrownBy(() -> world.builder(List.of()).evidence(null).build())
                .withMessage("CoreAssembly needs evidence");
        assertThatNullPointerException().isThrownBy(() -> world.builder(List.of()).roles(world.roles, null).build())
                .withMessage("CoreAssembly needs roleListings");
        assertThatNullPointerException().isThrownBy(() -> CoreAssembly.builder().build())
                .withMessage("CoreAssembly needs accounts");
    }

    @Test
    void buildWhenNoTransactionsGivenThenRefusedRatherThanRunWithout() {
        assertThatNullPointerException().isThrownBy(() -> world.builder(List.of()).transactions(null).build())
                .withMessage("CoreAssembly needs transactions");
        assertThatNullPointerException().isThrownBy(() -> world.builder(List.of()).threads(null, Runnable::run).build())
                .withMessage("CoreAssembly needs notificationSends");
    }

    @Test
    void assembledWhenSignUpThenLoginWithPasswordAndAppThenSessionOpens() {
        List<AuditEvent> heard = new CopyOnWriteArrayList<>();
        CoreAssembly core = world.builder(List.of(heard::add)).build();
        AccountId account = core.signUp().register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();
        var enrollment = core.totp().begin(account, "hanako", world.clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(core.totp().confirm(account, Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT),
                world.clock.instant()).isAccepted()).isTrue();
        world.clock.advance(Duration.ofSeconds(30));

        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) core.login()
                .submitPassword("hanako", PASSWORD, FROM);
        LoginResult done = core.login().verifySecondFactor(step.flow().id(), FactorKind.TOTP,
                Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT), FROM);
        assertThat(done).isInstanceOf(LoginResult.Authenticated.class);
        Sessions.Opened opened = core.sessions().open(((LoginResult.Authenticated) done).flow(), Session.Kind.BROWSER);

        assertThat(core.sessions().find(opened.token())).hasValueSatisfying(s -> assertThat(s.accountId())
                .isEqualTo(account));
        // The caller's listener hears what the core audits, after the core's own.
        assertThat(heard).extracting(AuditEvent::type).contains(AuditType.LOGIN_SUCCEEDED);
    }

    @Test
    void assembledWhenOwnerLogsInThenTheirOpenRecoveryIsCancelled() {
        // The auditor's listeners come with the assembly: no attach line to forget.
        AccountId account = world.core.signUp().register("taro", PASSWORD, FROM.value()).doneValue().orElseThrow();
        RecoveryService.Started started = world.core.recovery().start("taro", FROM).doneValue().orElseThrow();

        LoginResult done = world.login.submitPassword("taro", PASSWORD, FROM);

        assertThat(done).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(world.core.recovery().status(started.id(), started.token()).doneValue().orElseThrow().state())
                .isEqualTo(RecoveryState.CANCELLED);
        assertThat(world.auditLog.all()).filteredOn(e -> e.type() == AuditType.RECOVERY_CANCELLED)
                .singleElement().satisfies(e -> assertThat(e.accountId()).isEqualTo(account));
    }
}
