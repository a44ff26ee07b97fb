package dev.aikagi.core.settings;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CheckupNudgeRepository} must do: a nudge at most once an interval, none after dismissal. */
public abstract class CheckupNudgeRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private CheckupNudgeRepository nudges;
    private AccountRepository accounts;

    protected abstract CheckupNudgeRepository createRepository();

    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        nudges = createRepository();
        accounts = accountRepository();
    }

    @Test
    void claimWhenNeverNudgedThenTrueAndHeldByThatSessionOnly() {
        AccountId owner = newAccount();
        UUID session = UUID.randomUUID();

        assertThat(nudges.claim(owner, session, T0, T0.minus(WEEK))).isTrue();

        assertThat(nudges.heldBy(owner, session)).isTrue();
        assertThat(nudges.heldBy(owner, UUID.randomUUID())).isFalse();
    }

    @Test
    void claimWhenNudgedWithinTheIntervalThenFalseAndTheFirstSessionKeepsIt() {
        AccountId owner = newAccount();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        nudges.claim(owner, first, T0, T0.minus(WEEK));

        assertThat(nudges.claim(owner, second, T0.plusSeconds(60), T0.plusSeconds(60).minus(WEEK))).isFalse();
        assertThat(nudges.heldBy(owner, first)).isTrue();
        assertThat(nudges.heldBy(owner, second)).isFalse();
    }

    @Test
    void claimWhenTheIntervalPassedThenTrueAgain() {
        AccountId owner = newAccount();
        nudges.claim(owner, UUID.randomUUID(), T0, T0.minus(WEEK));
        nudges.putOff(owner);

        Instant later = T0.plus(WEEK).plusSeconds(1);
        UUID next = UUID.randomUUID();
        assertThat(nudges.claim(owner, next, later, later.minus(WEEK))).isTrue();
        assertThat(nudges.heldBy(owner, next)).isTrue();
    }

    @Test
    void putOffWhenHeldThenNoLongerShown() {
        AccountId owner = newAccount();
        UUID session = UUID.randomUUID();
        nudges.claim(owner, session, T0, T0.minus(WEEK));

        nudges.putOff(owner);

        assertThat(nudges.heldBy(owner, session)).isFalse();
    }

    @Test
    void claimWhenDismissedThenNeverAgain() {
        AccountId owner = newAccount();
        UUID session = UUID.randomUUID();
        nudges.claim(owner, session, T0, T0.minus(WEEK));
        nudges.dismiss(owner, T0.plusSeconds(5));

        assertThat(nudges.heldBy(owner, session)).isFalse();
        Instant later = T0.plus(WEEK).plus(WEEK);
        assertThat(nudges.claim(owner, UUID.randomUUID(), later, later.minus(WEEK))).isFalse();
    }

    @Test
    void dismissWhenNeverNudgedThenNoNudge() {
        AccountId owner = newAccount();
        nudges.dismiss(owner, T0);

        assertThat(nudges.claim(owner, UUID.randomUUID(), T0.plusSeconds(1), T0.plusSeconds(1).minus(WEEK))).isFalse();
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }
}
