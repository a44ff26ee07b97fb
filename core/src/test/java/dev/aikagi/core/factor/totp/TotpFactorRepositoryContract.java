package dev.aikagi.core.factor.totp;

import static dev.aikagi.core.TestAccounts.account;
import static dev.aikagi.core.factor.totp.TestTotpFactors.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TotpFactorRepository} must do. Subclasses supply the implementation under test. */
public abstract class TotpFactorRepositoryContract {

    private static final Instant T0 = TestTotpFactors.CREATED_AT;
    private static final TotpParameters SHA256_8_60 = new TotpParameters(TotpAlgorithm.SHA256, 8, 60);

    private TotpFactorRepository factors;
    private AccountRepository accounts;

    /** A repository holding no factors. */
    protected abstract TotpFactorRepository createRepository();

    /** Where the accounts owning the factors are created first (the JDBC tables have foreign keys). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        factors = createRepository();
        accounts = accountRepository();
    }

    @Test
    void createPendingWhenNewThenFindPendingReturnsWhatWasStored() {
        AccountId owner = newAccount();
        TotpFactor factor = new TotpFactor(UUID.randomUUID(), owner, "k1:c2VhbGVkLXNlY3JldA", SHA256_8_60,
                TotpFactor.NO_STEP, T0, null);

        factors.createPending(factor);

        assertThat(factors.findPending(owner)).contains(factor);
        assertThat(factors.findConfirmed(owner)).isEmpty();
    }

    @Test
    void createPendingWhenPendingExistsThenReplacesIt() {
        AccountId owner = newAccount();
        TotpFactor first = pending(owner);
        TotpFactor second = pending(owner);
        factors.createPending(first);

        factors.createPending(second);

        assertThat(factors.findPending(owner)).contains(second);
        assertThat(factors.confirm(first.id(), 1, T0)).isFalse();
    }

    @Test
    void createPendingWhenConfirmedExistsThenKeepsConfirmed() {
        AccountId owner = newAccount();
        TotpFactor confirmed = confirmedFactor(owner, 100);
        TotpFactor next = pending(owner);

        factors.createPending(next);

        assertThat(factors.findConfirmed(owner)).map(TotpFactor::id).contains(confirmed.id());
        assertThat(factors.findPending(owner)).contains(next);
    }

    @Test
    void createPendingWhenOtherAccountHasPendingThenKeepsIt() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        TotpFactor others = pending(other);
        factors.createPending(others);

        factors.createPending(pending(owner));

        assertThat(factors.findPending(other)).contains(others);
    }

    @Test
    void createPendingWhenFactorIsConfirmedThenIllegalArgument() {
        AccountId owner = newAccount();
        TotpFactor confirmed = new TotpFactor(UUID.randomUUID(), owner, "k1:eA", TotpParameters.DEFAULT, 5, T0, T0);

        assertThatThrownBy(() -> factors.createPending(confirmed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createPendingWhenIdTakenByConfirmedFactorThenConflict() {
        AccountId owner = newAccount();
        TotpFactor confirmed = confirmedFactor(owner, 100);
        TotpFactor clash = new TotpFactor(confirmed.id(), owner, "k1:eQ", TotpParameters.DEFAULT, TotpFactor.NO_STEP,
                T0, null);

        assertThatThrownBy(() -> factors.createPending(clash)).isInstanceOf(Conflict.class);

        assertThat(factors.findConfirmed(owner)).map(TotpFactor::id).contains(confirmed.id());
    }

    @Test
    void findPendingWhenNoneThenEmpty() {
        assertThat(factors.findPending(newAccount())).isEmpty();
    }

    @Test
    void findConfirmedWhenOnlyPendingThenEmpty() {
        AccountId owner = newAccount();
        factors.createPending(pending(owner));

        assertThat(factors.findConfirmed(owner)).isEmpty();
    }

    @Test
    void confirmWhenPendingThenConfirmedWithStepAndTime() {
        AccountId owner = newAccount();
        TotpFactor factor = pending(owner);
        factors.createPending(factor);
        Instant confirmedAt = T0.plusSeconds(42).plusNanos(7_000);

        boolean confirmed = factors.confirm(factor.id(), 58_000_000L, confirmedAt);

        assertThat(confirmed).isTrue();
        assertThat(factors.findConfirmed(owner)).contains(new TotpFactor(factor.id(), owner, factor.sealedSecret(),
                factor.parameters(), 58_000_000L, factor.createdAt(), confirmedAt));
        assertThat(factors.findPending(owner)).isEmpty();
    }

    @Test
    void confirmWhenAnotherFactorConfirmedThenBothStayOldestFirst() {
        AccountId owner = newAccount();
        TotpFactor old = confirmedFactor(owner, 100);
        TotpFactor next = pending(owner);
        factors.createPending(next);

        assertThat(factors.confirm(next.id(), 200, T0.plusSeconds(60))).isTrue();

        assertThat(factors.findAllConfirmed(owner)).extracting(TotpFactor::id).containsExactly(old.id(), next.id());
        assertThat(factors.findConfirmed(owner)).map(TotpFactor::id).contains(old.id());
        assertThat(factors.recordAcceptedStep(old.id(), 1_000, T0)).isTrue();
        assertThat(factors.recordAcceptedStep(next.id(), 1_000, T0)).isTrue();
    }

    @Test
    void nameAndLastUseWhenStoredThenReadBack() {
        AccountId owner = newAccount();
        TotpFactor named = new TotpFactor(UUID.randomUUID(), owner, "k1:bmFtZWQ", TotpParameters.DEFAULT,
                TotpFactor.NO_STEP, T0, null, "仕事用スマホ", null);
        factors.createPending(named);
        assertThat(factors.findPending(owner)).map(TotpFactor::name).contains("仕事用スマホ");
        assertThat(factors.confirm(named.id(), 100, T0.plusSeconds(30))).isTrue();
        Instant used = T0.plusSeconds(3_600).plusNanos(5_000);

        assertThat(factors.recordAcceptedStep(named.id(), 220, used)).isTrue();

        TotpFactor read = factors.findConfirmed(owner).orElseThrow();
        assertThat(read.name()).isEqualTo("仕事用スマホ");
        assertThat(read.lastUsedAt()).isEqualTo(used);
        assertThat(read.lastAcceptedStep()).isEqualTo(220);
    }

    @Test
    void renameWhenOwnFactorThenChangedElseFalse() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        TotpFactor factor = confirmedFactor(owner, 100);

        assertThat(factors.rename(other, factor.id(), "stolen")).isFalse();
        assertThat(factors.rename(owner, factor.id(), "work phone")).isTrue();

        assertThat(factors.findConfirmed(owner)).map(TotpFactor::name).contains("work phone");
    }

    @Test
    void deleteWhenOneOfSeveralThenOnlyThatOneGoes() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        TotpFactor first = confirmedFactor(owner, 100);
        TotpFactor second = confirmedFactor(owner, 100);
        TotpFactor pendingOne = pending(owner);
        factors.createPending(pendingOne);

        assertThat(factors.delete(other, first.id())).isFalse();
        assertThat(factors.delete(owner, pendingOne.id())).isFalse();
        assertThat(factors.delete(owner, first.id())).isTrue();
        assertThat(factors.delete(owner, first.id())).isFalse();

        assertThat(factors.findAllConfirmed(owner)).extracting(TotpFactor::id).containsExactly(second.id());
        assertThat(factors.findPending(owner)).contains(pendingOne);
        assertThat(factors.recordAcceptedStep(first.id(), 1_000, T0)).isFalse();
    }

    @Test
    void confirmWhenOtherAccountHasConfirmedFactorThenKeepsIt() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        TotpFactor others = confirmedFactor(other, 100);
        TotpFactor mine = pending(owner);
        factors.createPending(mine);

        factors.confirm(mine.id(), 100, T0);

        assertThat(factors.findConfirmed(other)).contains(others);
    }

    @Test
    void confirmWhenAlreadyConfirmedThenFalseAndUnchanged() {
        AccountId owner = newAccount();
        TotpFactor confirmed = confirmedFactor(owner, 100);

        assertThat(factors.confirm(confirmed.id(), 300, T0.plusSeconds(90))).isFalse();

        assertThat(factors.findConfirmed(owner)).contains(confirmed);
    }

    @Test
    void confirmWhenUnknownThenFalse() {
        assertThat(factors.confirm(UUID.randomUUID(), 1, T0)).isFalse();
    }

    @Test
    void recordAcceptedStepWhenNewerThenTrueAndStored() {
        AccountId owner = newAccount();
        TotpFactor factor = confirmedFactor(owner, 100);

        assertThat(factors.recordAcceptedStep(factor.id(), 101, T0)).isTrue();

        assertThat(factors.findConfirmed(owner)).map(TotpFactor::lastAcceptedStep).contains(101L);
    }

    @Test
    void recordAcceptedStepWhenEqualStepThenFalse() {
        AccountId owner = newAccount();
        TotpFactor factor = confirmedFactor(owner, 100);

        assertThat(factors.recordAcceptedStep(factor.id(), 100, T0)).isFalse();

        assertThat(factors.findConfirmed(owner)).map(TotpFactor::lastAcceptedStep).contains(100L);
    }

    @Test
    void recordAcceptedStepWhenLowerStepThenFalse() {
        AccountId owner = newAccount();
        TotpFactor factor = confirmedFactor(owner, 100);

        assertThat(factors.recordAcceptedStep(factor.id(), 99, T0)).isFalse();

        assertThat(factors.findConfirmed(owner)).map(TotpFactor::lastAcceptedStep).contains(100L);
    }

    @Test
    void recordAcceptedStepWhenSameStepTwiceThenSecondFalse() {
        AccountId owner = newAccount();
        TotpFactor factor = confirmedFactor(owner, 100);

        assertThat(factors.recordAcceptedStep(factor.id(), 102, T0)).isTrue();
        assertThat(factors.recordAcceptedStep(factor.id(), 102, T0)).isFalse();
        assertThat(factors.recordAcceptedStep(factor.id(), 101, T0)).isFalse();
        assertThat(factors.recordAcceptedStep(factor.id(), 103, T0)).isTrue();

        assertThat(factors.findConfirmed(owner)).map(TotpFactor::lastAcceptedStep).contains(103L);
    }

    @Test
    void recordAcceptedStepWhenFactorPendingThenFalse() {
        AccountId owner = newAccount();
        TotpFactor factor = pending(owner);
        factors.createPending(factor);

        assertThat(factors.recordAcceptedStep(factor.id(), 100, T0)).isFalse();

        assertThat(factors.findPending(owner)).contains(factor);
    }

    @Test
    void recordAcceptedStepWhenUnknownThenFalse() {
        assertThat(factors.recordAcceptedStep(UUID.randomUUID(), 100, T0)).isFalse();
    }

    @Test
    void deleteAllWhenConfirmedAndPendingThenRemovesBoth() {
        AccountId owner = newAccount();
        confirmedFactor(owner, 100);
        factors.createPending(pending(owner));

        factors.deleteAll(owner);

        assertThat(factors.findConfirmed(owner)).isEmpty();
        assertThat(factors.findPending(owner)).isEmpty();
    }

    @Test
    void deleteAllWhenOtherAccountHasFactorsThenKeepsThem() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        confirmedFactor(owner, 100);
        TotpFactor others = confirmedFactor(other, 100);
        TotpFactor othersPending = pending(other);
        factors.createPending(othersPending);

        factors.deleteAll(owner);

        assertThat(factors.findConfirmed(other)).contains(others);
        assertThat(factors.findPending(other)).contains(othersPending);
    }

    @Test
    void deleteAllWhenNoneThenNothingHappens() {
        AccountId owner = newAccount();

        factors.deleteAll(owner);

        assertThat(factors.findConfirmed(owner)).isEmpty();
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    /** A factor created pending and confirmed with a first code of {@code step}, as enrolment does. */
    private TotpFactor confirmedFactor(AccountId owner, long step) {
        TotpFactor factor = pending(owner);
        factors.createPending(factor);
        Instant confirmedAt = T0.plusSeconds(30);
        assertThat(factors.confirm(factor.id(), step, confirmedAt)).isTrue();
        return new TotpFactor(factor.id(), owner, factor.sealedSecret(), factor.parameters(), step, factor.createdAt(),
                confirmedAt);
    }
}
