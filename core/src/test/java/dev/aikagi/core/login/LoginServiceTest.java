package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodePolicy;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.InMemoryBackupCodeRepository;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.InMemoryTotpFactorRepository;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.notify.InMemoryKnownDeviceRepository;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.AttemptPolicy;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.core.session.AssuranceLevel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoginServiceTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "雪の日のゆきだるま";

    private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
    private final SecretGenerator generator = TestSecrets.generator(3);
    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final InMemoryAttemptRepository attempts = new InMemoryAttemptRepository();
    private final InMemoryLoginFlowRepository flows = new InMemoryLoginFlowRepository();
    private final PasswordHasher hasher = new PasswordHasher(new Argon2Settings(64, 1, 1), generator);
    private final TotpAuthenticator totp = new TotpAuthenticator(new InMemoryTotpFactorRepository(),
            new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, TotpParameters.DEFAULT, "Aikagi");
    private final BackupCodes backupCodes = new BackupCodes(new InMemoryBackupCodeRepository(),
            new CodeDigester(TestSecrets.keyRing("p1"), generator), new SecretCipher(TestSecrets.keyRing("e1"), generator),
            generator, BackupCodePolicy.DEFAULT);
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final Auditor audit = new Auditor(auditLog, generator, clock);
    private final TestChannels channels = new TestChannels(generator, attempts, clock);
    private final KnownDevices devices = new KnownDevices(new InMemoryKnownDeviceRepository(), generator, audit, clock);
    private final LoginService login = new LoginService(accounts, hasher, totp, backupCodes, channels.sms, flows,
            new AttemptGuard(attempts, AttemptPolicy.DEFAULT), devices, generator, audit, clock);
    private final SignUp signUp = new SignUp(accounts, hasher, new PasswordPolicy(Set.of("password123")), generator,
            audit, clock);

    private AccountId register(String username) {
        return signUp.register(username, PASSWORD, "192.0.2.1").doneValue().orElseThrow();
    }

    private byte[] enrolTotp(AccountId id) {
        var enrollment = totp.begin(id, "taro", clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(totp.confirm(id, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), clock.instant()).isAccepted()).isTrue();
        clock.advance(Duration.ofSeconds(30));
        return key;
    }

    private UUID secondStep(String username) {
        LoginResult result = login.submitPassword(username, PASSWORD, FROM);
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        return ((LoginResult.SecondFactorRequired) result).flow().id();
    }

    @Test
    void submitPasswordWhenUnknownUserOrWrongPasswordThenSameAnswer() {
        register("taro");

        LoginResult unknown = login.submitPassword("jiro", PASSWORD, FROM);
        LoginResult wrong = login.submitPassword("taro", "not the password", FROM);
        LoginResult malformed = login.submitPassword("x", PASSWORD, FROM);

        assertThat(unknown).isEqualTo(LoginResult.Failed.of(LoginFailure.INVALID_CREDENTIALS));
        assertThat(wrong).isEqualTo(unknown);
        assertThat(malformed).isEqualTo(unknown);
    }

    @Test
    void submitPasswordWhenUsernameTypedInOtherCaseOrWidthThenSameAccount() {
        register("taro");

        assertThat(login.submitPassword("ＴＡＲＯ", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void submitPasswordWhenUsernameInvalidThenCountedUnderASubjectWithoutNul() {
        // PostgreSQL text cannot hold NUL: the old "\u0000invalid" subject made every login with an invalid
        // username a 500 there (found by the reliability suite).
        LoginResult result = login.submitPassword("a b", "wrong", FROM);

        assertThat(result).isInstanceOf(LoginResult.Failed.class);
        assertThat(LoginService.INVALID_USERNAME).doesNotContain("\u0000");
        assertThat(attempts.failures(dev.aikagi.core.policy.AttemptGuard.accountKey(FactorKind.PASSWORD,
                "user:" + LoginService.INVALID_USERNAME))).isEqualTo(1);
    }

    @Test
    void submitPasswordWhenManyFailuresThenThrottledEvenForUnknownAccounts() {
        register("taro");
        for (int i = 0; i < 10; i++) {
            login.submitPassword("taro", "wrong-" + i, FROM);
            login.submitPassword("nobody", "wrong-" + i, new ClientAddress("198.51.100." + i));
        }

        LoginResult known = login.submitPassword("taro", PASSWORD, new ClientAddress("203.0.113.1"));
        LoginResult unknown = login.submitPassword("nobody", PASSWORD, new ClientAddress("203.0.113.1"));

        assertThat(known).isInstanceOfSatisfying(LoginResult.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS);
            assertThat(f.retryAt()).contains(clock.instant().plusSeconds(1));
        });
        assertThat(unknown).isEqualTo(known);
        clock.advance(Duration.ofSeconds(1));
        assertThat(login.submitPassword("taro", PASSWORD, new ClientAddress("203.0.113.1"))).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void submitPasswordWhenHashParametersChangedThenRehashedOnLogin() {
        AccountId id = register("taro");
        PasswordHasher stronger = new PasswordHasher(new Argon2Settings(128, 2, 1), generator);
        LoginService upgraded = new LoginService(accounts, stronger, totp, backupCodes, channels.sms, flows,
                new AttemptGuard(attempts, AttemptPolicy.DEFAULT), devices, generator, audit, clock);

        assertThat(upgraded.submitPassword("taro", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);

        assertThat(accounts.findById(id).orElseThrow().passwordHash().encoded()).startsWith("$argon2id$v=19$m=128,t=2,p=1$");
        assertThat(login.submitPassword("taro", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void verifySecondFactorWhenTotpRightThenAuthenticatedAtAal2() {
        AccountId id = register("taro");
        byte[] key = enrolTotp(id);
        UUID flowId = secondStep("taro");

        LoginResult result = login.verifySecondFactor(flowId, FactorKind.TOTP,
                Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM);

        assertThat(result).isInstanceOfSatisfying(LoginResult.Authenticated.class, a -> {
            assertThat(a.flow().amr()).containsExactly("pwd", "otp");
            assertThat(a.flow().assuranceLevel()).isEqualTo(AssuranceLevel.AAL2);
            assertThat(a.flow().accountId()).isEqualTo(id);
            assertThat(a.remainingBackupCodes()).isEmpty();
        });
        assertThat(login.verifySecondFactor(flowId, FactorKind.TOTP, "000000", FROM))
                .isEqualTo(LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED));
    }

    @Test
    void verifyChallengeWhenCodeOfTheFlowsChallengeThenAuthenticatedAndWhenChallengeChangedThenThatMethodIsAsked() {
        AccountId id = register("taro");
        byte[] key = enrolTotp(id);
        List<String> codes = backupCodes.issue(id, clock.instant()).codes();
        UUID flowId = secondStep("taro");

        // The flow asks for the app: a backup code is checked as an app code, and refused.
        assertThat(login.verifyChallenge(flowId, codes.get(0), FROM, Optional.empty()))
                .isInstanceOf(LoginResult.Failed.class);
        assertThat(login.chooseMethod(flowId, FactorKind.BACKUP_CODE)).isInstanceOf(LoginResult.SecondFactorRequired.class);
        assertThat(login.verifyChallenge(flowId, codes.get(0), FROM, Optional.empty()))
                .isInstanceOfSatisfying(LoginResult.Authenticated.class,
                        a -> assertThat(a.remainingBackupCodes()).isEqualTo(OptionalInt.of(9)));
        assertThat(login.verifyChallenge(flowId, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM,
                Optional.empty())).isEqualTo(LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED));
        assertThat(login.verifyChallenge(UUID.randomUUID(), "123456", FROM, Optional.empty()))
                .isEqualTo(LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED));
    }

    @Test
    void verifySecondFactorWhenBackupCodeUsedThenRemainingShownAndReuseRefused() {
        AccountId id = register("taro");
        enrolTotp(id);
        List<String> codes = backupCodes.issue(id, clock.instant()).codes();

        UUID flowId = secondStep("taro");
        assertThat(login.chooseMethod(flowId, FactorKind.BACKUP_CODE)).isInstanceOfSatisfying(
                LoginResult.SecondFactorRequired.class, r -> assertThat(r.flow().challenge()).isEqualTo(FactorKind.BACKUP_CODE));
        LoginResult first = login.verifySecondFactor(flowId, FactorKind.BACKUP_CODE, codes.get(0), FROM);
        LoginResult reuse = login.verifySecondFactor(secondStep("taro"), FactorKind.BACKUP_CODE, codes.get(0), FROM);

        assertThat(first).isInstanceOfSatisfying(LoginResult.Authenticated.class,
                a -> assertThat(a.remainingBackupCodes()).isEqualTo(OptionalInt.of(9)));
        assertThat(reuse).isEqualTo(LoginResult.Failed.of(LoginFailure.CODE_ALREADY_USED));
        assertThat(auditLog.recent(id, 20)).extracting(e -> e.type()).contains(AuditType.BACKUP_CODE_USED,
                AuditType.LOGIN_SUCCEEDED, AuditType.LOGIN_SECOND_FACTOR_FAILED, AuditType.ACCOUNT_CREATED);
        assertThat(auditLog.recent(id, 20)).filteredOn(e -> e.type() == AuditType.BACKUP_CODE_USED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("remaining", "9"));
        assertThat(auditLog.recent(id, 20).toString()).doesNotContain(codes.get(0));
    }

    @Test
    void verifySecondFactorWhenBackupGuessesExceedBudgetThenThrottledThenLocked() {
        AccountId id = register("taro");
        enrolTotp(id);
        List<String> codes = backupCodes.issue(id, clock.instant()).codes();
        String wrong = codes.contains("99999999") ? "99999998" : "99999999";
        UUID flowId = secondStep("taro");

        for (int i = 0; i < 3; i++) {
            assertThat(login.verifySecondFactor(flowId, FactorKind.BACKUP_CODE, wrong, FROM))
                    .isEqualTo(LoginResult.Failed.of(LoginFailure.CODE_INVALID));
        }
        LoginResult throttled = login.verifySecondFactor(flowId, FactorKind.BACKUP_CODE, codes.get(0), FROM);
        assertThat(throttled).isEqualTo(new LoginResult.Failed(LoginFailure.TOO_MANY_ATTEMPTS,
                Optional.of(clock.instant().plus(Duration.ofMinutes(1)))));

        // The budget is per account: a fresh flow from another address is throttled just the same.
        UUID other = secondStep("taro");
        assertThat(login.verifySecondFactor(other, FactorKind.BACKUP_CODE, codes.get(0), new ClientAddress("203.0.113.9")))
                .isInstanceOfSatisfying(LoginResult.Failed.class, f -> assertThat(f.failure()).isEqualTo(LoginFailure.TOO_MANY_ATTEMPTS));

        // Waiting out the back-off lets the owner in with a right code, and success resets the count.
        clock.advance(Duration.ofMinutes(1));
        assertThat(login.verifySecondFactor(other, FactorKind.BACKUP_CODE, codes.get(0), FROM)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.BACKUP_CODE, id.toString()))).isZero();
    }

    @Test
    void verifySecondFactorWhenHardLimitReachedThenLockedUntilRecoveryButOtherMethodWorks() {
        AccountId id = register("taro");
        byte[] key = enrolTotp(id);
        List<String> codes = backupCodes.issue(id, clock.instant()).codes();
        String wrong = codes.contains("99999999") ? "99999998" : "99999999";
        UUID flowId = secondStep("taro");
        LoginResult last = null;
        for (int i = 0; i < 40; i++) {
            // Each guess waits out the back-off (capped at an hour) in a fresh flow: only the hard limit stops it.
            clock.advance(Duration.ofHours(1));
            flowId = secondStep("taro");
            last = login.verifySecondFactor(flowId, FactorKind.BACKUP_CODE, wrong, new ClientAddress("203.0.113." + i));
        }

        assertThat(last).isEqualTo(LoginResult.Failed.of(LoginFailure.METHOD_LOCKED));
        assertThat(login.verifySecondFactor(flowId, FactorKind.BACKUP_CODE, codes.get(0), FROM))
                .isEqualTo(LoginResult.Failed.of(LoginFailure.METHOD_LOCKED));
        assertThat(login.verifySecondFactor(flowId, FactorKind.TOTP, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM))
                .isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void verifySecondFactorWhenFlowExpiredThenFlowExpired() {
        AccountId id = register("taro");
        byte[] key = enrolTotp(id);
        UUID flowId = secondStep("taro");
        clock.advance(LoginFlow.LIFETIME);

        assertThat(login.verifySecondFactor(flowId, FactorKind.TOTP, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), FROM))
                .isEqualTo(LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED));
        assertThat(login.verifySecondFactor(UUID.randomUUID(), FactorKind.TOTP, "123456", FROM))
                .isEqualTo(LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED));
    }

    @Test
    void verifySecondFactorWhenMethodNotEnrolledThenRefusedWithoutCounting() {
        AccountId id = register("taro");
        enrolTotp(id);
        UUID flowId = secondStep("taro");

        assertThat(login.verifySecondFactor(flowId, FactorKind.BACKUP_CODE, "12345678", FROM))
                .isEqualTo(LoginResult.Failed.of(LoginFailure.METHOD_NOT_AVAILABLE));
        assertThat(login.chooseMethod(flowId, FactorKind.SMS)).isEqualTo(LoginResult.Failed.of(LoginFailure.METHOD_NOT_AVAILABLE));
        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.BACKUP_CODE, id.toString()))).isZero();
    }

    @Test
    void signUpWhenPasswordWeakOrUsernameTakenThenProblem() {
        register("taro");

        assertThat(signUp.register("taro", "another good password", "192.0.2.1").refusal()).contains(SignUp.Problem.USERNAME_TAKEN);
        assertThat(signUp.register("Ｔａｒｏ", "another good password", "192.0.2.1").refusal()).contains(SignUp.Problem.USERNAME_TAKEN);
        assertThat(signUp.register("jiro", "short", "192.0.2.1").refusal()).contains(SignUp.Problem.PASSWORD_TOO_SHORT);
        assertThat(signUp.register("jiro", "Password123", "192.0.2.1").refusal()).contains(SignUp.Problem.PASSWORD_COMMON);
        assertThat(signUp.register("jiro", "jiro-is-me-2026", "192.0.2.1").refusal()).contains(SignUp.Problem.PASSWORD_CONTAINS_USERNAME);
        assertThat(signUp.register("no spaces allowed", PASSWORD, "192.0.2.1").refusal()).contains(SignUp.Problem.USERNAME_INVALID);
    }

    /**
     * Issue 15: a login refused because every hash worker is busy checked nothing, so it spends none of the owner's
     * attempts (else a flood that keeps the server busy would lock the owner out), for a known or unknown name.
     */
    @Test
    void submitPasswordWhenHashWorkersBusyThenBusyAndNoAttemptCounted() {
        register("taro");
        dev.aikagi.core.factor.password.HashWorkers full = new dev.aikagi.core.factor.password.HashWorkers() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public <T> T run(java.util.function.Supplier<T> hash) {
                throw new dev.aikagi.core.factor.password.HashingBusyException("full");
            }
        };
        LoginService busy = new LoginService(accounts,
                new PasswordHasher(new Argon2Settings(64, 1, 1), generator, full), totp, backupCodes, channels.sms, flows,
                new AttemptGuard(attempts, AttemptPolicy.DEFAULT), devices, generator, audit, clock);

        for (int i = 0; i < 20; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.submitPassword("taro", PASSWORD, FROM))
                    .isInstanceOf(dev.aikagi.core.factor.password.HashingBusyException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.submitPassword("nobody", PASSWORD, FROM))
                    .isInstanceOf(dev.aikagi.core.factor.password.HashingBusyException.class);
        }

        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.PASSWORD, "user:taro"))).isZero();
        assertThat(attempts.failures(AttemptGuard.accountKey(FactorKind.PASSWORD, "user:nobody"))).isZero();
        assertThat(attempts.failures(AttemptGuard.addressKey(FactorKind.PASSWORD, FROM.value()))).isZero();
        assertThat(login.submitPassword("taro", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);
    }
}
