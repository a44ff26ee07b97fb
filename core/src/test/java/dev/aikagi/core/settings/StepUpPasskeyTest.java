package dev.aikagi.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.passkey.FakeCeremonies;
import dev.aikagi.core.factor.passkey.PasskeyCeremonies;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.core.session.Sessions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Step-up with a passkey: a session at AAL1 proves one of the account's passkeys to a challenge bound to it (used
 * once, of its own purpose) and becomes AAL2 with amr hwk and user; wrong answers count on the passkey budget.
 */
class StepUpPasskeyTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.21");
    private static final String PASSWORD = "秋の夜長に読む古い手紙";

    private final TestWorld world = new TestWorld("2026-12-07T07:00:00Z", 21);
    private final StepUp stepUp = world.core.stepUp();
    private AccountId account;

    @BeforeEach
    void signUpWithPasskey() {
        account = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator, world.audit,
                world.clock).register("haruto", PASSWORD, FROM.value()).doneValue().orElseThrow();
        LoginResult.Authenticated login = (LoginResult.Authenticated) world.login.submitPassword("haruto", PASSWORD, FROM);
        Session first = world.sessions.open(login.flow(), Session.Kind.API).session();
        PasskeySettings settings = world.core.passkeySettings();
        Passkeys.RegistrationOptions options = settings.start(first).doneValue().orElseThrow();
        assertThat(settings.confirm(first, FakeCeremonies.response(options.challenge(), "cred-1", options.userHandle(),
                0, true, null), "phone", FROM).isDone()).isTrue();
    }

    /** A session at AAL1 on the account as it is now (one kept from before two-step verification, say). */
    private Session passwordOnlySession() {
        Session session = new Session(world.generator.uuid(), SessionTokens.hash(new SessionTokens(world.generator).newToken()),
                account, List.of("pwd"), AssuranceLevel.AAL1, world.clock.instant(), world.clock.instant(),
                world.clock.instant(), Session.Kind.API);
        world.sessionRepository.create(session);
        return session;
    }

    @Test
    void verifyWhenPasskeyAnswersTheSessionsChallengeThenAal2WithHwkAndUser() {
        Session weak = passwordOnlySession();
        assertThat(stepUp.methods(account)).contains(FactorKind.PASSKEY, FactorKind.BACKUP_CODE);

        Passkeys.AssertionOptions options = stepUp.passkeyOptions(weak).doneValue().orElseThrow();
        assertThat(options.allowCredentials()).containsExactly("cred-1");
        Sessions.Raised raised = stepUp.verify(weak, FactorKind.PASSKEY,
                FakeCeremonies.response(options.challenge(), "cred-1", null, 1, true, null), FROM).doneValue().orElseThrow();

        assertThat(raised.session().assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(raised.session().amr()).containsExactly("pwd", "hwk", "user");
        assertThat(world.auditLog.recent(account, 5)).extracting(AuditEvent::type).contains(AuditType.STEPPED_UP);
    }

    @Test
    void verifyWhenChallengeUsedOrOfAnotherSessionOrNoUserVerificationThenPasskeyInvalid() {
        Session weak = passwordOnlySession();
        Session other = passwordOnlySession();
        Passkeys.AssertionOptions options = stepUp.passkeyOptions(weak).doneValue().orElseThrow();

        assertThat(stepUp.verify(other, FactorKind.PASSKEY,
                FakeCeremonies.response(options.challenge(), "cred-1", null, 1, true, null), FROM).refusal())
                .as("another session's challenge").contains(SettingsProblem.PASSKEY_INVALID);
        Passkeys.AssertionOptions again = stepUp.passkeyOptions(weak).doneValue().orElseThrow();
        assertThat(stepUp.verify(weak, FactorKind.PASSKEY,
                FakeCeremonies.response(again.challenge(), "cred-1", null, 1, false, null), FROM).refusal())
                .as("no user verification").contains(SettingsProblem.PASSKEY_INVALID);
        assertThat(stepUp.verify(weak, FactorKind.PASSKEY,
                FakeCeremonies.response(again.challenge(), "cred-1", null, 2, true, null), FROM).refusal())
                .as("the challenge was used up").contains(SettingsProblem.PASSKEY_INVALID);
        assertThat(stepUp.verify(weak, FactorKind.PASSKEY, "not an answer", FROM).refusal())
                .contains(SettingsProblem.PASSKEY_INVALID);
        assertThat(world.auditLog.recent(account, 20)).extracting(AuditEvent::type)
                .contains(AuditType.LOGIN_SECOND_FACTOR_FAILED);
        assertThat(world.sessionRepository.findByTokenHash(weak.tokenHash())).hasValueSatisfying(s ->
                assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL1));
    }

    @Test
    void verifyWhenWrongAnswersRepeatedThenThrottledOnThePasskeyBudget() {
        Session weak = passwordOnlySession();
        Outcome<Sessions.Raised, SettingsProblem> last = null;
        for (int i = 0; i < 40 && (last == null || last.refusal().orElseThrow() == SettingsProblem.PASSKEY_INVALID); i++) {
            Passkeys.AssertionOptions options = stepUp.passkeyOptions(weak).doneValue().orElseThrow();
            last = stepUp.verify(weak, FactorKind.PASSKEY, FakeCeremonies.response(options.challenge(), "cred-1", null,
                    1, true, PasskeyCeremonies.Invalid.SIGNATURE), FROM);
        }
        assertThat(last.refusal()).hasValueSatisfying(p -> assertThat(p).isIn(SettingsProblem.TOO_MANY_ATTEMPTS,
                SettingsProblem.METHOD_LOCKED));
    }

    @Test
    void passkeyOptionsWhenAccountHasNoPasskeyLeftThenRefused() {
        Session weak = passwordOnlySession();
        world.core.passkeys().removeAll(account);
        // Only backup codes are left: nothing to step up with.
        assertThat(stepUp.passkeyOptions(weak).refusal()).contains(SettingsProblem.TWO_STEP_NOT_ENABLED);
    }
}
