package dev.aikagi.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.CoreAssembly;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountDisablingTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "雪の日のゆきだるま";

    private final TestWorld world = new TestWorld("2026-12-07T06:00:00Z", 18);
    private final List<UUID> signedOut = new ArrayList<>();
    private final CoreAssembly core = world.builder(List.of()).sessionListener(new SessionListener() {
        @Override
        public void signedIn(Session session) {
        }

        @Override
        public void signedOut(Session session) {
            signedOut.add(session.id());
        }
    }).build();
    private final AccountDisabling disabling = core.accountDisabling();
    private final AccountId hanako = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()),
            world.generator, world.audit, world.clock).register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();

    private Session loggedIn() {
        LoginResult.Authenticated done = (LoginResult.Authenticated) core.login().submitPassword("hanako", PASSWORD, FROM);
        return core.sessions().open(done.flow(), Session.Kind.BROWSER).session();
    }

    private List<AuditEvent> events(AuditType type) {
        return world.auditLog.all().stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void disableWhenSessionsOpenThenEachEndsAndListenerToldAndAudited() {
        Session one = loggedIn();
        Session two = loggedIn();

        assertThat(disabling.disable(hanako, "client:ops").doneValue()).contains(AccountDisabling.Change.CHANGED);

        assertThat(core.sessions().active(hanako)).isEmpty();
        assertThat(signedOut).containsExactlyInAnyOrder(one.id(), two.id());
        assertThat(events(AuditType.ACCOUNT_DISABLED)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("by", "client:ops").containsEntry("sessionsEnded", "2"));
        assertThat(disabling.isDisabled(hanako)).isTrue();
        assertThat(disabling.disable(hanako, "client:ops").doneValue()).contains(AccountDisabling.Change.UNCHANGED);
    }

    @Test
    void submitPasswordWhenDisabledThenWrongPasswordAnswersAsEverAndRightOneSaysDisabled() {
        disabling.disable(hanako, "command");

        LoginResult wrong = core.login().submitPassword("hanako", "not the password", FROM);
        LoginResult unknown = core.login().submitPassword("nobody-here", "not the password", FROM);
        LoginResult right = core.login().submitPassword("hanako", PASSWORD, FROM);

        assertThat(((LoginResult.Failed) wrong).failure()).isEqualTo(LoginFailure.INVALID_CREDENTIALS);
        assertThat(((LoginResult.Failed) unknown).failure()).isEqualTo(LoginFailure.INVALID_CREDENTIALS);
        assertThat(((LoginResult.Failed) right).failure()).isEqualTo(LoginFailure.ACCOUNT_DISABLED);
        assertThat(events(AuditType.LOGIN_REFUSED_DISABLED)).hasSize(1);
        assertThat(events(AuditType.LOGIN_SUCCEEDED)).isEmpty();
    }

    @Test
    void verifySecondFactorWhenDisabledAfterThePasswordThenRefused() {
        var enrollment = core.totp().begin(hanako, "hanako", world.clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(core.totp().confirm(hanako, Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT),
                world.clock.instant()).isAccepted()).isTrue();
        core.backupCodes().issue(hanako, world.clock.instant());
        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) core.login()
                .submitPassword("hanako", PASSWORD, FROM);
        disabling.disable(hanako, "command");
        world.clock.advance(Duration.ofSeconds(30));

        LoginResult result = core.login().verifySecondFactor(step.flow().id(), FactorKind.TOTP,
                Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT), FROM);

        assertThat(((LoginResult.Failed) result).failure()).isEqualTo(LoginFailure.ACCOUNT_DISABLED);
    }

    @Test
    void startRecoveryWhenDisabledThenCaseNamesNoAccountLikeAnUnknownName() {
        disabling.disable(hanako, "command");

        RecoveryService.Started started = core.recovery().start("hanako", FROM).doneValue().orElseThrow();

        assertThat(world.recoveries.find(started.id()).orElseThrow().accountId()).isEmpty();
    }

    @Test
    void enableWhenDisabledThenLoginWorksAgain() {
        disabling.disable(hanako, "command");

        assertThat(disabling.enable(hanako, "client:ops").doneValue()).contains(AccountDisabling.Change.CHANGED);

        assertThat(core.login().submitPassword("hanako", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(events(AuditType.ACCOUNT_ENABLED)).hasSize(1);
        assertThat(disabling.enable(hanako, "client:ops").doneValue()).contains(AccountDisabling.Change.UNCHANGED);
    }

    @Test
    void disableWhenAccountUnknownThenUserNotFound() {
        AccountId nobody = new AccountId(UUID.randomUUID());

        assertThat(disabling.disable(nobody, "command").refusal()).contains(AdminFailure.USER_NOT_FOUND);
        assertThat(disabling.enable(nobody, "command").refusal()).contains(AdminFailure.USER_NOT_FOUND);
    }
}
