package dev.aikagi.core.notify;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertTokenRepository} must do. Subclasses supply the implementation under test. A
 * "this wasn't me" link ends every session of the account, so it works once and only until it expires.
 */
public abstract class AlertTokenRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration LIFETIME = Duration.ofDays(7);
    private static final Duration MICRO = Duration.ofNanos(1_000);
    private static final String EVENT = "LOGIN_NEW_DEVICE";

    private AlertTokenRepository tokens;
    private AccountRepository accounts;

    /** A repository holding no tokens. */
    protected abstract AlertTokenRepository createRepository();

    /** Where the accounts owning the tokens are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        tokens = createRepository();
        accounts = accountRepository();
    }

    @Test
    void useWhenFreshThenReturnsTheAccount() {
        AccountId owner = newAccount();
        tokens.create(hash('a'), owner, EVENT, T0, T0.plus(LIFETIME));

        assertThat(tokens.use(hash('a'), T0.plusSeconds(60))).contains(owner);
    }

    @Test
    void useWhenAlreadyUsedThenEmpty() {
        AccountId owner = newAccount();
        tokens.create(hash('a'), owner, EVENT, T0, T0.plus(LIFETIME));
        tokens.use(hash('a'), T0.plusSeconds(60));

        assertThat(tokens.use(hash('a'), T0.plusSeconds(61))).isEmpty();
    }

    @Test
    void useWhenExpiredThenEmpty() {
        AccountId owner = newAccount();
        Instant expiresAt = T0.plus(LIFETIME);
        tokens.create(hash('a'), owner, EVENT, T0, expiresAt);

        assertThat(tokens.use(hash('a'), expiresAt)).as("at the expiry instant").isEmpty();
        assertThat(tokens.use(hash('a'), expiresAt.plusSeconds(1))).isEmpty();
    }

    @Test
    void useWhenOneMicrosecondBeforeExpiryThenReturnsTheAccount() {
        AccountId owner = newAccount();
        Instant expiresAt = T0.plus(LIFETIME);
        tokens.create(hash('a'), owner, EVENT, T0, expiresAt);

        assertThat(tokens.use(hash('a'), expiresAt.minus(MICRO))).contains(owner);
    }

    @Test
    void useWhenUsedThenRefusedEvenAtAnEarlierTime() {
        AccountId owner = newAccount();
        tokens.create(hash('a'), owner, EVENT, T0, T0.plus(LIFETIME));
        tokens.use(hash('a'), T0.plusSeconds(1));

        assertThat(tokens.use(hash('a'), T0)).as("a used link stays used whatever the clock says").isEmpty();
    }

    @Test
    void useWhenUnknownThenEmpty() {
        tokens.create(hash('a'), newAccount(), EVENT, T0, T0.plus(LIFETIME));

        assertThat(tokens.use(hash('b'), T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void useWhenAccountHasSeveralTokensThenEachIsUsedOnItsOwn() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        tokens.create(hash('a'), owner, EVENT, T0, T0.plus(LIFETIME));
        tokens.create(hash('b'), owner, "BACKUP_CODE_USED", T0, T0.plus(LIFETIME));
        tokens.create(hash('c'), other, EVENT, T0, T0.plus(LIFETIME));

        assertThat(tokens.use(hash('a'), T0.plusSeconds(1))).contains(owner);

        assertThat(tokens.use(hash('b'), T0.plusSeconds(2))).contains(owner);
        assertThat(tokens.use(hash('c'), T0.plusSeconds(2))).contains(other);
    }

    @Test
    void createWhenHashTakenThenConflictAndFirstKept() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        tokens.create(hash('a'), owner, EVENT, T0, T0.plus(LIFETIME));

        assertThatThrownBy(() -> tokens.create(hash('a'), other, EVENT, T0.plusSeconds(1), T0.plus(LIFETIME)))
                .isInstanceOf(Conflict.class);

        assertThat(tokens.use(hash('a'), T0.plusSeconds(2))).contains(owner);
    }

    @Test
    void deleteExpiredBeforeWhenSomeExpiredThenDeletesOnlyThoseAndCountsThem() {
        AccountId owner = newAccount();
        Instant before = T0.plus(LIFETIME);
        tokens.create(hash('a'), owner, EVENT, T0.minus(LIFETIME), before.minus(LIFETIME));
        tokens.create(hash('b'), owner, EVENT, T0.minusSeconds(1), before.minusSeconds(1).minus(MICRO));
        tokens.create(hash('c'), owner, EVENT, T0, before);
        tokens.create(hash('d'), owner, EVENT, T0.plusSeconds(1), before.plusSeconds(1));
        tokens.use(hash('a'), T0.minusSeconds(1));

        assertThat(tokens.deleteExpiredBefore(before)).isEqualTo(2);

        assertThat(tokens.deleteExpiredBefore(before)).isZero();
        // Still there: usable before they expire.
        assertThat(tokens.use(hash('c'), before.minus(MICRO))).contains(owner);
        assertThat(tokens.use(hash('d'), before)).contains(owner);
        // The expired ones are gone: their hashes can be created again without a conflict.
        tokens.create(hash('a'), owner, EVENT, before, before.plus(LIFETIME));
        tokens.create(hash('b'), owner, EVENT, before, before.plus(LIFETIME));
        assertThat(tokens.use(hash('a'), before)).contains(owner);
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    /** A SHA-256 hex shape: 64 characters. */
    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }
}
