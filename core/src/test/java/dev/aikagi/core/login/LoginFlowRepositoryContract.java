package dev.aikagi.core.login;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.session.AssuranceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LoginFlowRepository} must do. Subclasses supply the implementation under test. */
public abstract class LoginFlowRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

    private LoginFlowRepository flows;
    private AccountRepository accounts;

    /** A repository holding no flows. */
    protected abstract LoginFlowRepository createRepository();

    /** Where the accounts that flows refer to are created first (the JDBC tables have foreign keys). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        flows = createRepository();
        accounts = accountRepository();
    }

    @Test
    void createWhenNewThenFindReturnsWhatWasStored() {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), T0);

        flows.create(flow);

        assertThat(flows.find(flow.id())).contains(flow);
    }

    @Test
    void createWhenFlowHasEveryFieldSetThenItRoundTrips() {
        AccountId owner = newAccount();
        LoginFlow flow = new LoginFlow(UUID.randomUUID(), LoginState.AWAITING_SECOND_FACTOR, owner,
                Set.of(FactorKind.TOTP, FactorKind.BACKUP_CODE, FactorKind.SMS), FactorKind.BACKUP_CODE,
                List.of(new CompletedFactor(FactorKind.PASSWORD, T0.plusNanos(1_000))), T0,
                T0.plus(LoginFlow.LIFETIME), 7);

        flows.create(flow);

        assertThat(flows.find(flow.id())).contains(flow);
    }

    @Test
    void createWhenIdTakenThenConflict() {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), T0);
        flows.create(flow);

        assertThatThrownBy(() -> flows.create(LoginFlow.start(flow.id(), T0.plusSeconds(1))))
                .isInstanceOf(Conflict.class);

        assertThat(flows.find(flow.id())).contains(flow);
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertThat(flows.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void updateWhenVersionMatchesThenStoresNext() {
        AccountId owner = newAccount();
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), T0);
        flows.create(flow);
        LoginFlow next = flow.advance(new LoginEvent.PasswordVerified(owner,
                Set.of(FactorKind.TOTP, FactorKind.BACKUP_CODE), FactorKind.TOTP), T0.plusSeconds(5));

        assertThat(flows.update(next)).isTrue();

        assertThat(flows.find(flow.id())).contains(next);
    }

    @Test
    void updateWhenAdvancedToAuthenticatedThenCompletedFactorsRoundTripInOrder() {
        AccountId owner = newAccount();
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), T0);
        flows.create(flow);
        LoginFlow second = flow.advance(new LoginEvent.PasswordVerified(owner, Set.of(FactorKind.TOTP,
                FactorKind.BACKUP_CODE), FactorKind.TOTP), T0.plusSeconds(5).plusNanos(123_000));
        LoginFlow chosen = second.advance(new LoginEvent.MethodChosen(FactorKind.BACKUP_CODE), T0.plusSeconds(9));
        LoginFlow done = chosen.advance(new LoginEvent.SecondFactorVerified(FactorKind.BACKUP_CODE),
                T0.plusSeconds(20).plusNanos(456_000));

        assertThat(flows.update(second)).isTrue();
        assertThat(flows.update(chosen)).isTrue();
        assertThat(flows.update(done)).isTrue();

        LoginFlow stored = flows.find(flow.id()).orElseThrow();
        assertThat(stored).isEqualTo(done);
        assertThat(stored.amr()).containsExactly("pwd", "backup_code");
        assertThat(stored.assuranceLevel()).isEqualTo(AssuranceLevel.AAL2);
    }

    @Test
    void updateWhenStaleVersionThenFalseAndStoredFlowUnchanged() {
        AccountId owner = newAccount();
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), T0);
        flows.create(flow);
        LoginFlow winner = flow.advance(new LoginEvent.PasswordVerified(owner, Set.of(FactorKind.TOTP),
                FactorKind.TOTP), T0.plusSeconds(5));
        LoginFlow loser = flow.advance(new LoginEvent.PasswordVerified(owner, Set.of(), null), T0.plusSeconds(6));

        assertThat(flows.update(winner)).isTrue();
        assertThat(flows.update(loser)).isFalse();

        assertThat(flows.find(flow.id())).contains(winner);
    }

    @Test
    void updateWhenSameNextTwiceThenSecondFalse() {
        AccountId owner = newAccount();
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), T0);
        flows.create(flow);
        LoginFlow next = flow.advance(new LoginEvent.PasswordVerified(owner, Set.of(), null), T0.plusSeconds(5));

        assertThat(flows.update(next)).isTrue();
        assertThat(flows.update(next)).isFalse();
    }

    @Test
    void updateWhenVersionSkipsAheadThenFalse() {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), T0);
        flows.create(flow);
        LoginFlow skipping = new LoginFlow(flow.id(), LoginState.AUTHENTICATED, null, Set.of(), null, List.of(),
                T0, flow.expiresAt(), flow.version() + 2);

        assertThat(flows.update(skipping)).isFalse();

        assertThat(flows.find(flow.id())).contains(flow);
    }

    @Test
    void updateWhenUnknownThenFalse() {
        LoginFlow never = LoginFlow.start(UUID.randomUUID(), T0);
        LoginFlow next = never.advance(new LoginEvent.PasswordVerified(newAccount(), Set.of(), null), T0.plusSeconds(1));

        assertThat(flows.update(next)).isFalse();

        assertThat(flows.find(never.id())).isEmpty();
    }

    @Test
    void deleteExpiredWhenSomeExpiredThenDeletesThemAndReturnsHowMany() {
        Instant now = T0.plus(Duration.ofHours(1));
        LoginFlow longGone = LoginFlow.start(UUID.randomUUID(), T0);
        LoginFlow expiringNow = LoginFlow.start(UUID.randomUUID(), now.minus(LoginFlow.LIFETIME));
        LoginFlow live = LoginFlow.start(UUID.randomUUID(), now.minus(LoginFlow.LIFETIME).plusNanos(1_000));
        flows.create(longGone);
        flows.create(expiringNow);
        flows.create(live);

        int deleted = flows.deleteExpired(now);

        // A flow whose expiry is exactly now is expired (LoginFlow.isExpiredAt), so it goes too.
        assertThat(deleted).isEqualTo(2);
        assertThat(flows.find(longGone.id())).isEmpty();
        assertThat(flows.find(expiringNow.id())).isEmpty();
        assertThat(flows.find(live.id())).contains(live);
    }

    @Test
    void deleteExpiredWhenNoneExpiredThenZero() {
        LoginFlow live = LoginFlow.start(UUID.randomUUID(), T0);
        flows.create(live);

        assertThat(flows.deleteExpired(T0.plusSeconds(1))).isZero();

        assertThat(flows.find(live.id())).contains(live);
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }
}
