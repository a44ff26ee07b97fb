package dev.aikagi.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.password.Argon2Settings;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14, point 5: a look-alike of a taken name is taken; a name mixing scripts is invalid. */
class SignUpTest {

    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
    private final SecretGenerator generator = TestSecrets.generator(5);
    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final SignUp signUp = new SignUp(accounts, new PasswordHasher(new Argon2Settings(64, 1, 1), generator),
            new PasswordPolicy(Set.of()), generator, new Auditor(new InMemoryAuditLog(), generator, clock), clock);

    @ParameterizedTest
    @ValueSource(strings = {"paypal77", "PayPal77", "ＰＡＹＰＡＬ７７", "paypa177"})
    void registerWhenNameIsTakenOrLooksLikeATakenOneThenUsernameTaken(String lookalike) {
        signUp.register("paypal77", PASSWORD, "192.0.2.1");

        assertThat(signUp.register(lookalike, PASSWORD, "192.0.2.2").refusal()).contains(SignUp.Problem.USERNAME_TAKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\u0430ypal77", "\u03c1\u03b1ypal77"})
    void registerWhenLatinMixedWithCyrillicOrGreekThenUsernameInvalid(String spoof) {
        signUp.register("paypal77", PASSWORD, "192.0.2.1");

        assertThat(signUp.register(spoof, PASSWORD, "192.0.2.2").refusal()).contains(SignUp.Problem.USERNAME_INVALID);
    }

    @Test
    void registerWhenLatinWithJapaneseThenCreated() {
        assertThat(signUp.register("山田taro", PASSWORD, "192.0.2.1").doneValue()).isPresent();
        assertThat(signUp.register("たろうtaro", PASSWORD, "192.0.2.1").doneValue()).isPresent();
        assertThat(accounts.findByUsername("山田taro")).isPresent();
    }
}
