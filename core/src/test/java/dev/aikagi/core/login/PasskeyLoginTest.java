package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.passkey.FakeCeremonies;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.PasskeyCeremonies;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.PasskeySettings;
import dev.aikagi.core.settings.SettingsProblem;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the rules around passkeys in the core (the WebAuthn checks themselves are webauthn4j's, tested through
 * the server's API with a software authenticator): challenges used once and bound to their flow or session, user
 * verification required, the counter must grow, the first passkey turns two-step verification on with backup codes,
 * and a passkey alone makes an AAL2 login with amr hwk, user, mfa.
 */
class PasskeyLoginTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.17");
    private static final String PASSWORD = "朝霧の中の赤い鳥居";

    private final TestWorld world = new TestWorld("2026-12-07T06:00:00Z", 17);
    private final PasskeySettings settings = world.core.passkeySettings();
    private final PasskeyLogin passkeyLogin = world.core.passkeyLogin();
    private AccountId account;
    private Session session;

    @BeforeEach
    void signUpAndLogIn() {
        account = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator, world.audit,
                world.clock).register("akiko", PASSWORD, FROM.value()).doneValue().orElseThrow();
        session = logIn().session();
    }

    private Sessions.Opened logIn() {
        LoginResult.Authenticated result = (LoginResult.Authenticated) world.login.submitPassword("akiko", PASSWORD, FROM);
        return world.sessions.open(result.flow(), Session.Kind.API);
    }

    private PasskeySettings.Added add(String credentialId, boolean userVerified) {
        Passkeys.RegistrationOptions options = settings.start(session).doneValue().orElseThrow();
        Outcome<PasskeySettings.Added, SettingsProblem> added = settings.confirm(session,
                FakeCeremonies.response(options.challenge(), credentialId, options.userHandle(), 0, userVerified, null),
                "laptop", FROM);
        assertThat(added).isInstanceOf(Outcome.Done.class);
        return added.doneValue().orElseThrow();
    }

    @Test
    void confirmWhenFirstPasskeyThenTwoStepOnBackupCodesIssuedSessionRaisedAndOwnerTold() {
        PasskeySettings.Added added = add("cred-1", true);

        assertThat(world.twoStep.isEnabled(account)).isTrue();
        assertThat(added.firstBackupCodes()).as("a passkey-only account still gets backup codes").isPresent();
        assertThat(added.raised().orElseThrow().session().assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(world.auditLog.recent(account, 20)).extracting(AuditEvent::type)
                .contains(AuditType.PASSKEY_ADDED, AuditType.TWO_STEP_ENABLED, AuditType.BACKUP_CODES_CREATED);
        assertThat(settings.list(account)).extracting(Passkey::name).containsExactly("laptop");
    }

    @Test
    void confirmWhenChallengeReusedOrOfAnotherSessionOrNoUserVerificationThenRefused() {
        Passkeys.RegistrationOptions options = settings.start(session).doneValue().orElseThrow();
        String noUv = FakeCeremonies.response(options.challenge(), "cred-2", options.userHandle(), 0, false, null);
        assertThat(settings.confirm(session, noUv, "x", FROM).refusal()).contains(SettingsProblem.PASSKEY_INVALID);
        String again = FakeCeremonies.response(options.challenge(), "cred-2", options.userHandle(), 0, true, null);
        assertThat(settings.confirm(session, again, "x", FROM).refusal()).as("the challenge was used")
                .contains(SettingsProblem.PASSKEY_INVALID);

        Passkeys.RegistrationOptions other = settings.start(session).doneValue().orElseThrow();
        Session elsewhere = logIn().session();
        assertThat(settings.confirm(elsewhere, FakeCeremonies.response(other.challenge(), "cred-2", other.userHandle(),
                0, true, null), "x", FROM).refusal()).as("bound to the session that asked")
                .contains(SettingsProblem.PASSKEY_INVALID);
        assertThat(settings.list(account)).isEmpty();
    }

    @Test
    void userHandleWhenMadeThenRandomAndTheSameForEveryPasskeyOfTheAccount() {
        Passkeys.RegistrationOptions first = settings.start(session).doneValue().orElseThrow();
        assertThat(first.userHandle()).doesNotContain(account.toString()).doesNotContain("akiko").hasSize(43);
        settings.confirm(session, FakeCeremonies.response(first.challenge(), "cred-a", null, 0, true, null), "a", FROM);
        Session raised = world.sessions.findById(account, session.id()).orElseThrow();
        Passkeys.RegistrationOptions second = settings.start(raised).doneValue().orElseThrow();

        assertThat(second.userHandle()).isEqualTo(first.userHandle());
        assertThat(second.excludeCredentials()).containsExactly("cred-a");
    }

    @Test
    void verifyWhenSecondStepThenAal2WithPwdHwkUser() {
        add("cred-3", true);
        LoginResult.SecondFactorRequired required =
                (LoginResult.SecondFactorRequired) world.login.submitPassword("akiko", PASSWORD, FROM);
        assertThat(required.flow().secondFactors()).contains(FactorKind.PASSKEY);
        Passkeys.AssertionOptions options = passkeyLogin.secondStepOptions(required.flow().id()).doneValue().orElseThrow();
        assertThat(options.allowCredentials()).containsExactly("cred-3");

        LoginResult result = passkeyLogin.verify(required.flow().id(),
                FakeCeremonies.response(options.challenge(), "cred-3", null, 1, true, null), FROM, Optional.empty());

        LoginResult.Authenticated done = (LoginResult.Authenticated) result;
        assertThat(done.flow().assuranceLevel()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(done.flow().amr()).containsExactly("pwd", "hwk", "user");
    }

    @Test
    void verifyWhenPasskeyAloneThenAal2WithHwkUserMfaAndTheAccountOfTheCredential() {
        add("cred-4", true);
        PasskeyLogin.Started started = passkeyLogin.start();
        assertThat(started.options().allowCredentials()).as("discoverable: no account is named").isEmpty();

        LoginResult result = passkeyLogin.verify(started.flow().id(), FakeCeremonies.response(
                started.options().challenge(), "cred-4", null, 5, true, null), FROM,
                Optional.empty());

        LoginResult.Authenticated done = (LoginResult.Authenticated) result;
        assertThat(done.flow().accountId()).isEqualTo(account);
        assertThat(done.flow().amr()).containsExactly("hwk", "user", "mfa");
        assertThat(world.sessions.open(done.flow(), Session.Kind.API).session().assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(settings.list(account).get(0).lastUsedAt()).contains(world.clock.instant());
        assertThat(settings.list(account).get(0).signCount()).isEqualTo(5);
    }

    /** Issue 18: a disabled account cannot log in with its passkey either, alone or as the second step. */
    @Test
    void verifyWhenAccountDisabledThenRefusedAfterThePasskeyAnswered() {
        add("cred-9", true);
        world.accounts.disable(account, world.clock.instant());

        PasskeyLogin.Started started = passkeyLogin.start();
        LoginResult alone = passkeyLogin.verify(started.flow().id(), FakeCeremonies.response(
                started.options().challenge(), "cred-9", null, 5, true, null), FROM, Optional.empty());

        assertThat(alone).isInstanceOf(LoginResult.Failed.class);
        assertThat(((LoginResult.Failed) alone).failure()).isEqualTo(LoginFailure.ACCOUNT_DISABLED);
    }

    @Test
    void verifyWhenUnknownCredentialOrReplayedChallengeThenTheSameRefusal() {
        add("cred-5", true);
        PasskeyLogin.Started started = passkeyLogin.start();
        String unknown = FakeCeremonies.response(started.options().challenge(), "nobody", null, 1, true, null);
        assertThat(failure(passkeyLogin.verify(started.flow().id(), unknown, FROM, Optional.empty())))
                .isEqualTo(LoginFailure.PASSKEY_INVALID);

        String right = FakeCeremonies.response(started.options().challenge(), "cred-5", null, 1, true, null);
        assertThat(failure(passkeyLogin.verify(started.flow().id(), right, FROM, Optional.empty())))
                .as("the challenge was used by the first answer").isEqualTo(LoginFailure.PASSKEY_INVALID);
    }

    @Test
    void verifyWhenCounterDidNotGrowThenRefusedAndAudited() {
        add("cred-6", true);
        PasskeyLogin.Started first = passkeyLogin.start();
        assertThat(passkeyLogin.verify(first.flow().id(), FakeCeremonies.response(first.options().challenge(), "cred-6",
                null, 7, true, null), FROM, Optional.empty())).isInstanceOf(LoginResult.Authenticated.class);

        PasskeyLogin.Started second = passkeyLogin.start();
        LoginResult cloned = passkeyLogin.verify(second.flow().id(), FakeCeremonies.response(
                second.options().challenge(), "cred-6", null, 7, true, null), FROM, Optional.empty());

        assertThat(failure(cloned)).isEqualTo(LoginFailure.PASSKEY_INVALID);
        assertThat(world.auditLog.recent(account, 20)).extracting(AuditEvent::type).contains(AuditType.PASSKEY_REJECTED);
    }

    @Test
    void verifyWhenNoUserVerificationOrWrongOriginThenRefused() {
        add("cred-7", true);
        PasskeyLogin.Started noUv = passkeyLogin.start();
        assertThat(failure(passkeyLogin.verify(noUv.flow().id(), FakeCeremonies.response(noUv.options().challenge(),
                "cred-7", null, 1, false, null), FROM, Optional.empty()))).isEqualTo(LoginFailure.PASSKEY_INVALID);
        PasskeyLogin.Started origin = passkeyLogin.start();
        assertThat(failure(passkeyLogin.verify(origin.flow().id(), FakeCeremonies.response(origin.options().challenge(),
                "cred-7", null, 1, true, PasskeyCeremonies.Invalid.ORIGIN), FROM, Optional.empty())))
                .isEqualTo(LoginFailure.PASSKEY_INVALID);
    }

    @Test
    void verifyWhenChallengeOfAnotherFlowThenRefused() {
        add("cred-8", true);
        PasskeyLogin.Started mine = passkeyLogin.start();
        PasskeyLogin.Started other = passkeyLogin.start();

        assertThat(failure(passkeyLogin.verify(other.flow().id(), FakeCeremonies.response(mine.options().challenge(),
                "cred-8", null, 1, true, null), FROM, Optional.empty()))).isEqualTo(LoginFailure.PASSKEY_INVALID);
    }

    @Test
    void removeWhenLastMethodThenRefusedElseNeedsThePasswordAndTellsTheOwner() {
        add("cred-9", true);
        Session raised = world.sessions.findById(account, session.id()).orElseThrow();
        UUID first = settings.list(account).get(0).id();
        assertThat(settings.remove(raised, first, PASSWORD, FROM).refusal()).contains(SettingsProblem.LAST_METHOD);
        Passkeys.RegistrationOptions options = settings.start(raised).doneValue().orElseThrow();
        settings.confirm(raised, FakeCeremonies.response(options.challenge(), "cred-10", null, 0, true, null), "phone", FROM);

        assertThat(settings.remove(raised, first, "wrong", FROM).refusal()).contains(SettingsProblem.PASSWORD_WRONG);
        assertThat(settings.remove(raised, first, PASSWORD, FROM)).isInstanceOf(Outcome.Done.class);

        assertThat(settings.list(account)).extracting(Passkey::name).containsExactly("phone");
        assertThat(world.auditLog.recent(account, 30)).extracting(AuditEvent::type).contains(AuditType.PASSKEY_REMOVED);
    }

    @Test
    void disableWhenTwoStepTurnedOffThenPasskeysGoneToo() {
        PasskeySettings.Added added = add("cred-11", true);
        Session raised = world.sessions.findById(account, session.id()).orElseThrow();
        String code = added.firstBackupCodes().orElseThrow().displayed().get(0);

        assertThat(world.twoStep.disable(raised, PASSWORD, FactorKind.BACKUP_CODE, code, FROM))
                .isInstanceOf(Outcome.Done.class);

        assertThat(settings.list(account)).isEmpty();
        assertThat(world.twoStep.isEnabled(account)).isFalse();
        assertThat(world.login.submitPassword("akiko", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);
    }

    private static LoginFailure failure(LoginResult result) {
        assertThat(result).isInstanceOf(LoginResult.Failed.class);
        return ((LoginResult.Failed) result).failure();
    }
}
