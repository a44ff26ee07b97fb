package dev.aikagi.core.account;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountDeletionRepository} must do: one pending deletion per account, cancelled once by its
 * link before it is due, and listed when due.
 */
public abstract class AccountDeletionRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration WAIT = Duration.ofDays(7);

    private AccountDeletionRepository deletions;
    private AccountRepository accounts;

    protected abstract AccountDeletionRepository createRepository();

    /** Where the accounts are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        deletions = createRepository();
        accounts = accountRepository();
    }

    @Test
    void scheduleWhenNonePendingThenFoundWithItsTimes() {
        AccountId owner = newAccount();

        assertThat(deletions.schedule(pending(owner, 'a'))).isTrue();

        assertThat(deletions.find(owner)).contains(pending(owner, 'a'));
    }

    @Test
    void scheduleWhenOnePendingThenFalseAndTheFirstStays() {
        AccountId owner = newAccount();
        deletions.schedule(pending(owner, 'a'));

        assertThat(deletions.schedule(pending(owner, 'b'))).isFalse();

        assertThat(deletions.find(owner)).contains(pending(owner, 'a'));
    }

    @Test
    void cancelByTokenWhenBeforeDueThenOnceOnly() {
        AccountId owner = newAccount();
        deletions.schedule(pending(owner, 'a'));

        assertThat(deletions.cancelByToken(hash('a'), T0.plusSeconds(60))).contains(owner);
        assertThat(deletions.cancelByToken(hash('a'), T0.plusSeconds(61))).isEmpty();
        assertThat(deletions.find(owner)).isEmpty();
    }

    @Test
    void cancelByTokenWhenDueOrWrongTokenThenNothingChanges() {
        AccountId owner = newAccount();
        deletions.schedule(pending(owner, 'a'));

        assertThat(deletions.cancelByToken(hash('a'), T0.plus(WAIT))).isEmpty();
        assertThat(deletions.cancelByToken(hash('b'), T0.plusSeconds(60))).isEmpty();
        assertThat(deletions.find(owner)).isPresent();
    }

    @Test
    void cancelWhenPendingThenTrueOnce() {
        AccountId owner = newAccount();
        deletions.schedule(pending(owner, 'a'));

        assertThat(deletions.cancel(owner)).isTrue();
        assertThat(deletions.cancel(owner)).isFalse();
    }

    @Test
    void dueWhenTimeIsUpThenListedOldestFirstAndLimited() {
        AccountId first = newAccount();
        AccountId second = newAccount();
        AccountId later = newAccount();
        deletions.schedule(new PendingDeletion(second, T0, T0.plus(WAIT).plusSeconds(1), hash('b')));
        deletions.schedule(new PendingDeletion(first, T0, T0.plus(WAIT), hash('a')));
        deletions.schedule(new PendingDeletion(later, T0, T0.plus(WAIT).plusSeconds(60), hash('c')));

        assertThat(deletions.due(T0.plus(WAIT).plusSeconds(1), 10)).containsExactly(first, second);
        assertThat(deletions.due(T0.plus(WAIT).plusSeconds(1), 1)).containsExactly(first);
        assertThat(deletions.due(T0, 10)).isEmpty();
    }

    private static PendingDeletion pending(AccountId owner, char token) {
        return new PendingDeletion(owner, T0, T0.plus(WAIT), hash(token));
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
