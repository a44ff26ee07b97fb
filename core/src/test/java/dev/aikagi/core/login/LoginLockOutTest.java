package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 3: nobody can lock the owner out. A device that completed a full login to the account in
 * the last 30 days keeps its own attempt budget at both steps (OWASP "Slow Down Online Guessing Attacks with
 * Device Cookies", STANDARDS rule 24); every other client still counts per account and per address.
 */
class LoginLockOutTest {

    private static final String PASSWORD = "雪の日のゆきだるま";
    private static final ClientAddress HOME = new ClientAddress("192.0.2.10");
    /** The owner's browser: a value the server made ({@link KnownDevices#newToken}). */
    private static final Optional<String> OWNERS_DEVICE = Optional.of("owner-laptop-0123456789abcdef");

    private final TestWorld world = new TestWorld("2026-11-25T09:00:00Z", 41);
    private final LoginService login = world.login;
    private AccountId owner;
    private byte[] totpKey;

    @BeforeEach
    void ownerWithAnAuthenticatorApp() {
        owner = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator, world.audit,
                world.clock).register("hanako", PASSWORD, HOME.value()).doneValue().orElseThrow();
        var enrollment = world.totp.begin(owner, "hanako", world.clock.instant());
        totpKey = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(world.totp.confirm(owner, code(), world.clock.instant()).isAccepted()).isTrue();
        world.clock.advance(Duration.ofSeconds(30));
    }

    @Test
    void submitPasswordWhenThousandFailuresFromOtherAddressesThenKnownDeviceStillLogsIn() {
        assertThat(fullLogin(OWNERS_DEVICE, HOME)).as("the owner's first login binds the device")
                .isInstanceOf(LoginResult.Authenticated.class);

        // 1,000 wrong passwords from 250 addresses over about 17 minutes, some with device values of their own.
        int checked = 0;
        for (int i = 0; i < 1000; i++) {
            world.clock.advance(Duration.ofSeconds(1));
            Optional<String> device = i % 3 == 0 ? Optional.of("attacker-device-" + i + "-0123456789") : Optional.empty();
            LoginResult result = login.submitPassword("hanako", "guess-" + i, attacker(i), device);
            if (result instanceof LoginResult.Failed f && f.failure() == LoginFailure.INVALID_CREDENTIALS) {
                checked++;
            }
        }
        assertThat(checked).as("guesses checked of 1,000").isLessThan(30);

        assertThat(login.submitPassword("hanako", PASSWORD, new ClientAddress("203.0.113.200")))
                .as("an unknown device is still throttled, even with the right password")
                .isInstanceOfSatisfying(LoginResult.Failed.class,
                        f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));
        // The known device logs in, even from an address the attackers used, at once and again and again.
        for (int i = 0; i < 5; i++) {
            world.clock.advance(Duration.ofSeconds(30));
            assertThat(fullLogin(OWNERS_DEVICE, attacker(i))).as("known device, login " + i)
                    .isInstanceOf(LoginResult.Authenticated.class);
        }
    }

    @Test
    void verifySecondFactorWhenSomeoneWithThePasswordLocksTheAppThenKnownDeviceStillPasses() {
        assertThat(fullLogin(OWNERS_DEVICE, HOME)).isInstanceOf(LoginResult.Authenticated.class);
        // Someone who has the password runs the app's budget down to its hard limit from many addresses.
        LoginResult last = null;
        for (int i = 0; i < 100; i++) {
            world.clock.advance(Duration.ofMinutes(15));
            UUID flow = ((LoginResult.SecondFactorRequired) login.submitPassword("hanako", PASSWORD, attacker(i))).flow().id();
            last = login.verifySecondFactor(flow, FactorKind.TOTP, wrongCode(), attacker(i));
        }
        world.clock.advance(Duration.ofMinutes(15));
        UUID flow = ((LoginResult.SecondFactorRequired) login.submitPassword("hanako", PASSWORD, attacker(7))).flow().id();
        assertThat(login.verifySecondFactor(flow, FactorKind.TOTP, code(), attacker(7)))
                .as("from an unknown device the app is locked").isEqualTo(LoginResult.Failed.of(LoginFailure.METHOD_LOCKED));
        assertThat(last).isInstanceOf(LoginResult.Failed.class);

        assertThat(fullLogin(OWNERS_DEVICE, HOME)).as("the known device").isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void submitPasswordWhenKnownDeviceGuessesWronglyThenThrottledOnItsOwnBudget() {
        assertThat(fullLogin(OWNERS_DEVICE, HOME)).isInstanceOf(LoginResult.Authenticated.class);

        // A stolen device value gives no unlimited guesses: the device's own budget slows it like an account's.
        for (int i = 0; i < 10; i++) {
            assertThat(login.submitPassword("hanako", "guess-" + i, attacker(i), OWNERS_DEVICE))
                    .isEqualTo(LoginResult.Failed.of(LoginFailure.INVALID_CREDENTIALS));
        }
        LoginResult throttled = login.submitPassword("hanako", PASSWORD, attacker(10), OWNERS_DEVICE);

        assertThat(throttled).isEqualTo(new LoginResult.Failed(LoginFailure.TOO_MANY_ATTEMPTS,
                Optional.of(world.clock.instant().plusSeconds(1))));
        assertThat(world.attempts.failures(AttemptGuard.accountKey(FactorKind.PASSWORD, "user:hanako")))
                .as("the device's failures are its own").isZero();
        assertThat(login.submitPassword("hanako", PASSWORD, new ClientAddress("203.0.113.1")))
                .as("other clients are not slowed by them").isInstanceOf(LoginResult.SecondFactorRequired.class);
    }

    @Test
    void verifySecondFactorWhenKnownDeviceGuessesWronglyThenThrottledOnItsOwnBudget() {
        assertThat(fullLogin(OWNERS_DEVICE, HOME)).isInstanceOf(LoginResult.Authenticated.class);
        world.clock.advance(Duration.ofSeconds(30));
        UUID flow = ((LoginResult.SecondFactorRequired) login.submitPassword("hanako", PASSWORD, HOME, OWNERS_DEVICE))
                .flow().id();
        for (int i = 0; i < 5; i++) {
            assertThat(login.verifySecondFactor(flow, FactorKind.TOTP, wrongCode(), HOME, OWNERS_DEVICE))
                    .isEqualTo(LoginResult.Failed.of(LoginFailure.CODE_INVALID));
        }

        assertThat(login.verifySecondFactor(flow, FactorKind.TOTP, code(), HOME, OWNERS_DEVICE))
                .isInstanceOfSatisfying(LoginResult.Failed.class,
                        f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));
        assertThat(world.attempts.failures(AttemptGuard.accountKey(FactorKind.TOTP, owner.toString()))).isZero();
    }

    @Test
    void submitPasswordWhenDeviceOnlyPassedThePasswordThenNotKnown() {
        // A device value counts only once it completed a full login: the password alone binds nothing.
        Optional<String> half = Optional.of("password-only-device-0123456789");
        assertThat(login.submitPassword("hanako", PASSWORD, HOME, half)).isInstanceOf(LoginResult.SecondFactorRequired.class);
        runDownThePasswordBudget();

        assertThat(login.submitPassword("hanako", PASSWORD, HOME, half)).isInstanceOfSatisfying(LoginResult.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));
    }

    @Test
    void submitPasswordWhenLastLoginOver30DaysAgoThenNotKnownAnyMore() {
        assertThat(fullLogin(OWNERS_DEVICE, HOME)).isInstanceOf(LoginResult.Authenticated.class);
        world.clock.advance(KnownDevices.BINDING_LIFETIME);
        runDownThePasswordBudget();

        assertThat(login.submitPassword("hanako", PASSWORD, HOME, OWNERS_DEVICE)).isInstanceOfSatisfying(
                LoginResult.Failed.class, f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));
    }

    @Test
    void submitPasswordWhenDeviceKnownToAnotherAccountOrWeakThenNotKnownHere() {
        AccountId other = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator,
                world.audit, world.clock).register("jiro", PASSWORD, HOME.value()).doneValue().orElseThrow();
        assertThat(login.submitPassword("jiro", PASSWORD, HOME, OWNERS_DEVICE)).isInstanceOf(LoginResult.Authenticated.class);
        Optional<String> weak = Optional.of("1234");
        assertThat(fullLogin(weak, HOME)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(world.devices.recentBinding(other, OWNERS_DEVICE.get(), world.clock.instant())).isPresent();
        runDownThePasswordBudget();

        assertThat(login.submitPassword("hanako", PASSWORD, HOME, OWNERS_DEVICE)).as("bound to jiro, not hanako")
                .isInstanceOfSatisfying(LoginResult.Failed.class, f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));
        assertThat(login.submitPassword("hanako", PASSWORD, HOME, weak)).as("a guessable value is never bound")
                .isInstanceOfSatisfying(LoginResult.Failed.class, f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));
    }

    @Test
    void submitPasswordWhenDevicesForgottenThenNotKnownAnyMore() {
        assertThat(fullLogin(OWNERS_DEVICE, HOME)).isInstanceOf(LoginResult.Authenticated.class);
        // "This wasn't me" and recoveries forget every device: a thief's device must lose its budget too.
        world.deviceRepository.forgetAll(owner);
        runDownThePasswordBudget();

        assertThat(login.submitPassword("hanako", PASSWORD, HOME, OWNERS_DEVICE)).isInstanceOfSatisfying(
                LoginResult.Failed.class, f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));
    }

    @Test
    void reauthenticateWhenStrangersRanDownTheLoginBudgetThenSignedInOwnerStillReentersThePassword() {
        LoginResult done = fullLogin(OWNERS_DEVICE, HOME);
        Session session = world.sessions.open(((LoginResult.Authenticated) done).flow(), Session.Kind.BROWSER).session();
        runDownThePasswordBudget();
        assertThat(login.submitPassword("hanako", PASSWORD, attacker(1))).isInstanceOfSatisfying(LoginResult.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));

        assertThat(world.twoStep.reauthenticate(session, PASSWORD, attacker(1)).isDone()).isTrue();
    }

    private void runDownThePasswordBudget() {
        for (int i = 0; i < 10; i++) {
            login.submitPassword("hanako", "guess-" + i, attacker(i));
        }
    }

    private LoginResult fullLogin(Optional<String> device, ClientAddress from) {
        LoginResult first = login.submitPassword("hanako", PASSWORD, from, device);
        if (!(first instanceof LoginResult.SecondFactorRequired required)) {
            return first;
        }
        LoginResult done = login.verifySecondFactor(required.flow().id(), FactorKind.TOTP, code(), from, device);
        world.clock.advance(Duration.ofSeconds(30));
        return done;
    }

    private static ClientAddress attacker(int i) {
        return new ClientAddress("198.51.100." + (i % 250));
    }

    private String code() {
        return Totp.codeAt(totpKey, world.clock.instant(), TotpParameters.DEFAULT);
    }

    private String wrongCode() {
        String right = code();
        return right.equals("000000") ? "000001" : "000000";
    }
}
