package dev.aikagi.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 14 point 4: sign-up is limited per client address (an IPv6 address by its /64), before any hash. */
class SignUpLimitTest {

    private static final String PASSWORD = "ふるいけやかわずとびこむみずのおと";
    private static final String FROM = "198.51.100.7";

    private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
    private final SecretGenerator generator = TestSecrets.generator(41);
    private final CountingRandom hasherRandom = new CountingRandom();
    private final PasswordHasher hasher = new PasswordHasher(new Argon2Settings(64, 1, 1), new SecretGenerator(hasherRandom));
    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final Auditor audit = new Auditor(auditLog, generator, clock);
    private final InMemoryAttemptRepository attempts = new InMemoryAttemptRepository();
    private final SignUp signUp = new SignUp(accounts, hasher, new PasswordPolicy(Set.of()), generator, audit,
            new SignUpLimit(attempts, SignUpLimit.DEFAULT_PER_HOUR), clock);

    /** Counts how often Argon2id draws a salt: once per hash. */
    static final class CountingRandom extends SecureRandom {
        final AtomicInteger draws = new AtomicInteger();
        private final SecureRandom delegate;

        CountingRandom() {
            try {
                delegate = SecureRandom.getInstance("SHA1PRNG");
                delegate.setSeed(7);
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void nextBytes(byte[] bytes) {
            draws.incrementAndGet();
            delegate.nextBytes(bytes);
        }
    }

    private Outcome<AccountId, SignUp.Problem> register(int i, String from) {
        return signUp.register("user" + i, PASSWORD, from);
    }

    @Test
    void registerWhenSixthFromOneAddressWithinAnHourThenRefusedWithRetryAtAndNoHash() {
        Instant fifthAt = null;
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(register(i, FROM).doneValue()).as("sign-up %d", i).isPresent();
            fifthAt = clock.instant();
        }
        int hashes = hasherRandom.draws.get();
        clock.advance(Duration.ofMinutes(1));

        Outcome<AccountId, SignUp.Problem> refused = register(5, FROM);

        assertThat(refused.refusal()).contains(SignUp.Problem.TOO_MANY_ATTEMPTS);
        assertThat(refused.retryAt()).contains(fifthAt.plus(Duration.ofHours(1)));
        assertThat(hasherRandom.draws.get()).as("a refused sign-up never runs Argon2id").isEqualTo(hashes);
        assertThat(accounts.findByUsername("user5")).isEmpty();
        assertThat(auditLog.all()).filteredOn(e -> e.type() == AuditType.SIGN_UP_THROTTLED).singleElement()
                .satisfies(e -> assertThat(e.clientAddress()).isEqualTo(FROM));
    }

    @Test
    void registerWhenRetryAtReachedThenAllowedAgain() {
        for (int i = 0; i < 5; i++) {
            register(i, FROM);
        }
        Outcome<AccountId, SignUp.Problem> refused = register(5, FROM);
        clock.set(refused.retryAt().orElseThrow());

        assertThat(register(5, FROM).doneValue()).isPresent();
    }

    @Test
    void registerWhenSignUpsFailedThenTheyCountToo() {
        assertThat(register(0, FROM).doneValue()).isPresent();
        for (int i = 0; i < 4; i++) {
            assertThat(register(0, FROM).refusal()).contains(SignUp.Problem.USERNAME_TAKEN);
        }
        assertThat(register(1, FROM).refusal()).contains(SignUp.Problem.TOO_MANY_ATTEMPTS);
    }

    @Test
    void registerWhenAddressesShareAnIpv6SlashSixtyFourThenTheyShareTheLimit() {
        for (int i = 0; i < 5; i++) {
            assertThat(register(i, "2001:db8:aaaa:1::" + Integer.toHexString(i + 1)).doneValue()).isPresent();
        }
        assertThat(register(5, "2001:db8:aaaa:1:ffff:ffff:ffff:ffff").refusal())
                .contains(SignUp.Problem.TOO_MANY_ATTEMPTS);
        assertThat(register(6, "2001:db8:aaaa:2::1").doneValue()).as("the next /64 is another network").isPresent();
    }

    @Test
    void registerWhenOneAddressIsLimitedThenOthersAreNot() {
        for (int i = 0; i < 6; i++) {
            register(i, FROM);
        }
        assertThat(register(10, "198.51.100.8").doneValue()).isPresent();
    }

    @Test
    void registerWhenUsernameInvalidThenNotCounted() {
        for (int i = 0; i < 10; i++) {
            assertThat(signUp.register("x", PASSWORD, FROM).refusal()).contains(SignUp.Problem.USERNAME_INVALID);
        }
        assertThat(register(0, FROM).doneValue()).isPresent();
    }

    @Test
    void constructorWhenLimitBelowOneThenRefused() {
        assertThatThrownBy(() -> new SignUpLimit(attempts, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perAddressPerHour must be at least 1, was 0");
        assertThatThrownBy(() -> new SignUpLimit(null, 5)).isInstanceOf(NullPointerException.class).hasMessage("counters");
    }
}
