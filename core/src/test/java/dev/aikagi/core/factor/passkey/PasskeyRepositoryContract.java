package dev.aikagi.core.factor.passkey;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PasskeyRepository} and {@link PasskeyChallengeRepository} must do (issue 17). */
public abstract class PasskeyRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

    private PasskeyRepository passkeys;
    private PasskeyChallengeRepository challenges;
    private AccountRepository accounts;

    /** An empty repository. */
    protected abstract PasskeyRepository createRepository();

    protected abstract PasskeyChallengeRepository createChallenges();

    /** Where the owning accounts are created first (the JDBC tables have foreign keys). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUp() {
        passkeys = createRepository();
        challenges = createChallenges();
        accounts = accountRepository();
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    private static Passkey passkey(AccountId owner, String credentialId, Instant at) {
        return new Passkey(UUID.randomUUID(), owner, credentialId, "pQECAyYgASFYIA==", 0, "名前 " + credentialId, at,
                Optional.empty());
    }

    @Test
    void createWhenNewThenListedOldestFirstAndFoundByCredential() {
        AccountId owner = newAccount();
        Passkey second = passkey(owner, "cred-b", T0.plusSeconds(5));
        Passkey first = passkey(owner, "cred-a", T0);

        assertThat(passkeys.create(second)).isTrue();
        assertThat(passkeys.create(first)).isTrue();

        assertThat(passkeys.list(owner)).containsExactly(first, second);
        assertThat(passkeys.findByCredentialId("cred-b")).contains(second);
        assertThat(passkeys.list(newAccount())).isEmpty();
    }

    @Test
    void createWhenCredentialRegisteredAlreadyThenFalseEvenForAnotherAccount() {
        AccountId owner = newAccount();
        passkeys.create(passkey(owner, "cred-dup", T0));

        assertThat(passkeys.create(passkey(newAccount(), "cred-dup", T0))).isFalse();
        assertThat(passkeys.findByCredentialId("cred-dup").orElseThrow().accountId()).isEqualTo(owner);
    }

    @Test
    void recordUseWhenExpectedCountStoredThenOnceOnly() {
        Passkey key = passkey(newAccount(), "cred-c", T0);
        passkeys.create(key);

        assertThat(passkeys.recordUse(key.id(), 0, 3, T0.plusSeconds(60))).isTrue();
        assertThat(passkeys.recordUse(key.id(), 0, 4, T0.plusSeconds(61))).as("the counter moved on").isFalse();

        Passkey stored = passkeys.findByCredentialId("cred-c").orElseThrow();
        assertThat(stored.signCount()).isEqualTo(3);
        assertThat(stored.lastUsedAt()).contains(T0.plusSeconds(60));
    }

    @Test
    void deleteWhenOfAnotherAccountThenFalseElseGone() {
        AccountId owner = newAccount();
        Passkey key = passkey(owner, "cred-d", T0);
        passkeys.create(key);
        passkeys.create(passkey(owner, "cred-e", T0));

        assertThat(passkeys.delete(newAccount(), key.id())).isFalse();
        assertThat(passkeys.delete(owner, key.id())).isTrue();
        assertThat(passkeys.list(owner)).hasSize(1);
        assertThat(passkeys.deleteAll(owner)).isEqualTo(1);
        assertThat(passkeys.list(owner)).isEmpty();
    }

    @Test
    void userHandleWhenAskedAgainThenTheFirstOneKeptAndFoundBack() {
        AccountId owner = newAccount();

        assertThat(passkeys.userHandle(owner, "handle-1")).isEqualTo("handle-1");
        assertThat(passkeys.userHandle(owner, "handle-2")).isEqualTo("handle-1");
        assertThat(passkeys.findByUserHandle("handle-1")).contains(owner);
        assertThat(passkeys.findByUserHandle("handle-2")).isEmpty();
    }

    @Test
    void consumeWhenRightPurposeBindingAndTimeThenOnceOnly() {
        challenges.create(new PasskeyChallenge("ch-1", PasskeyChallenge.Purpose.LOGIN, "flow-1", Optional.empty(), T0,
                T0.plus(PasskeyChallenge.LIFETIME)));

        assertThat(challenges.consume("ch-1", PasskeyChallenge.Purpose.SECOND_STEP, "flow-1", T0)).isFalse();
        assertThat(challenges.consume("ch-1", PasskeyChallenge.Purpose.LOGIN, "flow-2", T0)).isFalse();
        assertThat(challenges.consume("ch-1", PasskeyChallenge.Purpose.LOGIN, "flow-1", T0.plusSeconds(1))).isTrue();
        assertThat(challenges.consume("ch-1", PasskeyChallenge.Purpose.LOGIN, "flow-1", T0.plusSeconds(2))).isFalse();
    }

    @Test
    void consumeWhenStepUpChallengeThenStoredAndServesNoOtherPurpose() {
        challenges.create(new PasskeyChallenge("ch-3", PasskeyChallenge.Purpose.STEP_UP, "session-3", Optional.empty(),
                T0, T0.plus(PasskeyChallenge.LIFETIME)));

        assertThat(challenges.consume("ch-3", PasskeyChallenge.Purpose.SECOND_STEP, "session-3", T0)).isFalse();
        assertThat(challenges.consume("ch-3", PasskeyChallenge.Purpose.STEP_UP, "session-3", T0)).isTrue();
    }

    @Test
    void consumeWhenExpiredThenFalseAndDeletedLater() {
        AccountId owner = newAccount();
        challenges.create(new PasskeyChallenge("ch-2", PasskeyChallenge.Purpose.REGISTRATION, "session-1",
                Optional.of(owner), T0, T0.plus(PasskeyChallenge.LIFETIME)));
        Instant late = T0.plus(PasskeyChallenge.LIFETIME);

        assertThat(challenges.consume("ch-2", PasskeyChallenge.Purpose.REGISTRATION, "session-1", late)).isFalse();
        assertThat(challenges.deleteExpired(late.plusSeconds(1))).isEqualTo(1);
    }
}
