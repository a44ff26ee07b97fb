package dev.aikagi.core.recovery;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link RecoveryRepository} must do. Subclasses supply the implementation under test. The rules
 * that matter for security: proofs are taken only while the case is open, the waiting period starts once,
 * a case is completed once and only between {@code waitingUntil} and {@code expiresAt}, and the owner can
 * cancel every open case of the account.
 */
public abstract class RecoveryRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration MICRO = Duration.ofNanos(1_000);
    private static final Instant PROOF_EXPIRES = T0.plus(Duration.ofHours(1));
    /** When the proofs sufficed in most tests. */
    private static final Instant PROVEN = T0.plus(Duration.ofMinutes(10));
    private static final Instant WAITING_UNTIL = PROVEN.plus(Duration.ofHours(24));
    private static final Instant COMPLETE_EXPIRES = WAITING_UNTIL.plus(Duration.ofHours(24));

    private RecoveryRepository recoveries;
    private AccountRepository accounts;

    /** A repository holding no cases. */
    protected abstract RecoveryRepository createRepository();

    /** Where the accounts owning the cases are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        recoveries = createRepository();
        accounts = accountRepository();
    }

    @Test
    void createWhenKnownAccountThenFindReturnsWhatWasStored() {
        AccountId owner = newAccount();
        RecoveryCase recovery = RecoveryCase.open(UUID.randomUUID(), tokenHash(), Optional.of(owner), "hanako.yamada", T0,
                PROOF_EXPIRES);

        recoveries.create(recovery);

        assertThat(recoveries.find(recovery.id())).contains(recovery);
        assertThat(recoveries.find(recovery.id()).orElseThrow().state(T0)).isEqualTo(RecoveryState.NEEDS_MORE_PROOF);
        assertThat(recoveries.find(recovery.id()).orElseThrow().proofs()).isEmpty();
    }

    @Test
    void createWhenUnknownUsernameThenStoredWithoutAccount() {
        RecoveryCase recovery = RecoveryCase.open(UUID.randomUUID(), tokenHash(), Optional.empty(), "no-such-user-" + UUID.randomUUID(),
                T0, PROOF_EXPIRES);

        recoveries.create(recovery);

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found).isEqualTo(recovery);
        assertThat(found.accountId()).isEmpty();
        assertThat(found.subject()).isEqualTo(recovery.subject());
    }

    @Test
    void createWhenEveryFieldSetThenFindReturnsEachOne() {
        AccountId owner = newAccount();
        // Distinct microseconds everywhere, so a column written into another would show.
        RecoveryCase recovery = new RecoveryCase(UUID.randomUUID(), tokenHash(), Optional.of(owner), "山田花子", T0,
                COMPLETE_EXPIRES, T0.plus(MICRO), T0.plus(MICRO.multipliedBy(2)), T0.plus(MICRO.multipliedBy(3)),
                WAITING_UNTIL, WAITING_UNTIL.plus(MICRO), WAITING_UNTIL.plus(MICRO.multipliedBy(2)));

        recoveries.create(recovery);

        assertThat(recoveries.find(recovery.id())).contains(recovery);
    }

    @Test
    void createWhenIdTakenThenConflictAndFirstKept() {
        RecoveryCase first = openCase(Optional.of(newAccount()));
        RecoveryCase clash = RecoveryCase.open(first.id(), tokenHash(), Optional.empty(), "someone-else", T0.plusSeconds(1),
                PROOF_EXPIRES.plusSeconds(1));

        assertThatThrownBy(() -> recoveries.create(clash)).isInstanceOf(Conflict.class);

        assertThat(recoveries.find(first.id())).contains(first);
    }

    @Test
    void findWhenUnknownThenEmpty() {
        openCase(Optional.of(newAccount()));

        assertThat(recoveries.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void addProofWhenOpenThenProofsAccumulateWithTheirTimes() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));
        Instant emailAt = T0.plusSeconds(30).plus(MICRO.multipliedBy(7));
        Instant passwordAt = T0.plusSeconds(90);

        assertThat(recoveries.addProof(recovery.id(), Proof.EMAIL, emailAt)).isTrue();
        assertThat(recoveries.addProof(recovery.id(), Proof.PASSWORD, passwordAt)).isTrue();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.proofs()).containsExactlyInAnyOrder(Proof.EMAIL, Proof.PASSWORD);
        assertThat(found.emailProvenAt()).isEqualTo(emailAt);
        assertThat(found.passwordProvenAt()).isEqualTo(passwordAt);
        assertThat(found.smsProvenAt()).isNull();
        assertThat(found.waitingUntil()).isNull();
        assertThat(found.state(passwordAt)).as("proofs alone do not start the waiting period")
                .isEqualTo(RecoveryState.NEEDS_MORE_PROOF);
        assertThat(RecoveryCase.sufficient(found.proofs())).isTrue();
    }

    @Test
    void addProofWhenSmsThenOnlySmsProvenAtSet() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));

        assertThat(recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(5))).isTrue();

        assertThat(recoveries.find(recovery.id())).contains(new RecoveryCase(recovery.id(), recovery.tokenHash(), recovery.accountId(),
                recovery.subject(), T0, PROOF_EXPIRES, null, T0.plusSeconds(5), null, null, null, null));
    }

    @Test
    void addProofWhenGivenTwiceThenTrueAndFirstTimeKept() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));
        recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(5));

        assertThat(recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(50))).isTrue();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.smsProvenAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(found.proofs()).containsExactly(Proof.SMS);
    }

    @Test
    void addProofWhenUnknownUsernameCaseThenSamePathAsKnown() {
        RecoveryCase recovery = openCase(Optional.empty());

        assertThat(recoveries.addProof(recovery.id(), Proof.PASSWORD, T0.plusSeconds(5))).isTrue();

        assertThat(recoveries.find(recovery.id()).orElseThrow().proofs()).containsExactly(Proof.PASSWORD);
    }

    @Test
    void addProofWhenOneMicrosecondBeforeExpiryThenTrue() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));

        assertThat(recoveries.addProof(recovery.id(), Proof.EMAIL, PROOF_EXPIRES.minus(MICRO))).isTrue();
    }

    @Test
    void addProofWhenExpiredThenFalseAndNothingRecorded() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));

        assertThat(recoveries.addProof(recovery.id(), Proof.EMAIL, PROOF_EXPIRES)).as("at the expiry instant").isFalse();
        assertThat(recoveries.addProof(recovery.id(), Proof.SMS, PROOF_EXPIRES.plusSeconds(60))).isFalse();

        assertThat(recoveries.find(recovery.id())).contains(recovery);
        assertThat(recovery.state(PROOF_EXPIRES)).isEqualTo(RecoveryState.EXPIRED);
    }

    @Test
    void addProofWhenCancelledThenFalseAndNothingRecorded() {
        AccountId owner = newAccount();
        RecoveryCase recovery = openCase(Optional.of(owner));
        recoveries.addProof(recovery.id(), Proof.EMAIL, T0.plusSeconds(5));
        recoveries.cancelOpen(owner, T0.plusSeconds(10));

        assertThat(recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(20))).isFalse();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.proofs()).containsExactly(Proof.EMAIL);
        assertThat(found.state(T0.plusSeconds(20))).isEqualTo(RecoveryState.CANCELLED);
    }

    @Test
    void addProofWhenWaitingThenFalseAndNothingRecorded() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));

        assertThat(recoveries.addProof(recovery.id(), Proof.PASSWORD, PROVEN.plusSeconds(1))).isFalse();
        assertThat(recoveries.addProof(recovery.id(), Proof.EMAIL, PROVEN.plusSeconds(1))).as("already given")
                .isFalse();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.proofs()).containsExactlyInAnyOrder(Proof.EMAIL, Proof.SMS);
        assertThat(found.passwordProvenAt()).isNull();
    }

    @Test
    void addProofWhenCompletedThenFalseAndNothingRecorded() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));
        assertThat(recoveries.complete(recovery.id(), WAITING_UNTIL)).isTrue();

        assertThat(recoveries.addProof(recovery.id(), Proof.PASSWORD, WAITING_UNTIL.plusSeconds(1))).isFalse();

        assertThat(recoveries.find(recovery.id()).orElseThrow().passwordProvenAt()).isNull();
    }

    @Test
    void addProofWhenUnknownThenFalse() {
        openCase(Optional.of(newAccount()));

        assertThat(recoveries.addProof(UUID.randomUUID(), Proof.EMAIL, T0.plusSeconds(5))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Proof.class)
    void addProofWhenNowHasNanosecondsThenStoredToTheMicrosecond(Proof proof) {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));

        assertThat(recoveries.addProof(recovery.id(), proof, T0.plusNanos(1_999))).isTrue();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        Instant provenAt = switch (proof) {
            case EMAIL -> found.emailProvenAt();
            case SMS -> found.smsProvenAt();
            case PASSWORD -> found.passwordProvenAt();
        };
        assertThat(provenAt).isEqualTo(T0.plus(MICRO));
        assertThat(found.proofs()).containsExactly(proof);
    }

    @Test
    void startWaitingWhenProvenThenStateGoesFromWaitingToReadyByTime() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));
        recoveries.addProof(recovery.id(), Proof.EMAIL, T0.plusSeconds(5));
        recoveries.addProof(recovery.id(), Proof.SMS, PROVEN);
        assertThat(recoveries.find(recovery.id()).orElseThrow().state(PROVEN))
                .isEqualTo(RecoveryState.NEEDS_MORE_PROOF);

        assertThat(recoveries.startWaiting(recovery.id(), WAITING_UNTIL, COMPLETE_EXPIRES, PROVEN)).isTrue();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found).isEqualTo(new RecoveryCase(recovery.id(), recovery.tokenHash(), recovery.accountId(), recovery.subject(), T0,
                COMPLETE_EXPIRES, T0.plusSeconds(5), PROVEN, null, WAITING_UNTIL, null, null));
        assertThat(found.state(PROVEN)).isEqualTo(RecoveryState.WAITING);
        assertThat(found.state(PROOF_EXPIRES)).as("past the proof window: the new expiry counts")
                .isEqualTo(RecoveryState.WAITING);
        assertThat(found.state(WAITING_UNTIL.minus(MICRO))).isEqualTo(RecoveryState.WAITING);
        assertThat(found.state(WAITING_UNTIL)).isEqualTo(RecoveryState.READY);
        assertThat(found.state(COMPLETE_EXPIRES.minus(MICRO))).isEqualTo(RecoveryState.READY);
        assertThat(found.state(COMPLETE_EXPIRES)).isEqualTo(RecoveryState.EXPIRED);
    }

    @Test
    void startWaitingWhenAlreadyWaitingThenFalseAndFirstPeriodKept() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));

        assertThat(recoveries.startWaiting(recovery.id(), PROVEN.plusSeconds(1), PROVEN.plus(Duration.ofDays(9)),
                PROVEN.plusSeconds(1))).isFalse();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.waitingUntil()).isEqualTo(WAITING_UNTIL);
        assertThat(found.expiresAt()).isEqualTo(COMPLETE_EXPIRES);
    }

    @Test
    void startWaitingWhenExpiredThenFalse() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));
        recoveries.addProof(recovery.id(), Proof.EMAIL, T0.plusSeconds(5));
        recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(6));

        assertThat(recoveries.startWaiting(recovery.id(), PROOF_EXPIRES.plus(Duration.ofHours(24)),
                PROOF_EXPIRES.plus(Duration.ofHours(48)), PROOF_EXPIRES)).as("at the expiry instant").isFalse();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.waitingUntil()).isNull();
        assertThat(found.expiresAt()).isEqualTo(PROOF_EXPIRES);
        assertThat(found.state(PROOF_EXPIRES)).isEqualTo(RecoveryState.EXPIRED);
    }

    @Test
    void startWaitingWhenOneMicrosecondBeforeExpiryThenTrue() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));
        Instant now = PROOF_EXPIRES.minus(MICRO);

        assertThat(recoveries.startWaiting(recovery.id(), now.plus(Duration.ofHours(24)), now.plus(Duration.ofHours(48)),
                now)).isTrue();
    }

    @Test
    void startWaitingWhenCancelledThenFalse() {
        AccountId owner = newAccount();
        RecoveryCase recovery = openCase(Optional.of(owner));
        recoveries.addProof(recovery.id(), Proof.EMAIL, T0.plusSeconds(5));
        recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(6));
        recoveries.cancelOpen(owner, T0.plusSeconds(7));

        assertThat(recoveries.startWaiting(recovery.id(), WAITING_UNTIL, COMPLETE_EXPIRES, PROVEN)).isFalse();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.waitingUntil()).isNull();
        assertThat(found.expiresAt()).isEqualTo(PROOF_EXPIRES);
    }

    @Test
    void startWaitingWhenCompletedThenFalse() {
        RecoveryCase completed = new RecoveryCase(UUID.randomUUID(), tokenHash(), Optional.of(newAccount()), "hanako", T0,
                PROOF_EXPIRES, T0.plusSeconds(1), T0.plusSeconds(2), null, null, null, T0.plusSeconds(3));
        recoveries.create(completed);

        assertThat(recoveries.startWaiting(completed.id(), WAITING_UNTIL, COMPLETE_EXPIRES, PROVEN)).isFalse();

        assertThat(recoveries.find(completed.id())).contains(completed);
    }

    @Test
    void startWaitingWhenUnknownThenFalse() {
        openCase(Optional.of(newAccount()));

        assertThat(recoveries.startWaiting(UUID.randomUUID(), WAITING_UNTIL, COMPLETE_EXPIRES, PROVEN)).isFalse();
    }

    @Test
    void completeWhenReadyThenTrueAndCompletedAtStored() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));
        Instant now = WAITING_UNTIL.plusSeconds(3).plus(MICRO.multipliedBy(3));

        assertThat(recoveries.complete(recovery.id(), now)).isTrue();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.completedAt()).isEqualTo(now);
        assertThat(found.cancelledAt()).isNull();
        assertThat(found.state(now)).isEqualTo(RecoveryState.COMPLETED);
        assertThat(found.state(COMPLETE_EXPIRES.plusSeconds(1))).as("completed stays completed")
                .isEqualTo(RecoveryState.COMPLETED);
    }

    @Test
    void completeWhenExactlyAtWaitingUntilThenTrue() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));

        assertThat(recoveries.complete(recovery.id(), WAITING_UNTIL)).isTrue();
    }

    @Test
    void completeWhenBeforeWaitingUntilThenFalse() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));

        assertThat(recoveries.complete(recovery.id(), PROVEN.plusSeconds(1))).isFalse();
        assertThat(recoveries.complete(recovery.id(), WAITING_UNTIL.minus(MICRO))).as("one microsecond early")
                .isFalse();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.completedAt()).isNull();
        assertThat(found.state(WAITING_UNTIL)).isEqualTo(RecoveryState.READY);
    }

    @Test
    void completeWhenAtOrAfterExpiryThenFalse() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));

        assertThat(recoveries.complete(recovery.id(), COMPLETE_EXPIRES)).as("at the expiry instant").isFalse();
        assertThat(recoveries.complete(recovery.id(), COMPLETE_EXPIRES.plusSeconds(60))).isFalse();

        assertThat(recoveries.find(recovery.id()).orElseThrow().completedAt()).isNull();
    }

    @Test
    void completeWhenOneMicrosecondBeforeExpiryThenTrue() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));

        assertThat(recoveries.complete(recovery.id(), COMPLETE_EXPIRES.minus(MICRO))).isTrue();
    }

    @Test
    void completeWhenAlreadyCompletedThenFalseAndFirstCompletionKept() {
        RecoveryCase recovery = waitingCase(Optional.of(newAccount()));
        recoveries.complete(recovery.id(), WAITING_UNTIL.plusSeconds(1));

        assertThat(recoveries.complete(recovery.id(), WAITING_UNTIL.plusSeconds(2))).isFalse();

        assertThat(recoveries.find(recovery.id()).orElseThrow().completedAt()).isEqualTo(WAITING_UNTIL.plusSeconds(1));
    }

    @Test
    void completeWhenNotWaitingThenFalseEvenWithEnoughProof() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));
        recoveries.addProof(recovery.id(), Proof.EMAIL, T0.plusSeconds(5));
        recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(6));

        assertThat(recoveries.complete(recovery.id(), T0.plusSeconds(7))).isFalse();

        assertThat(recoveries.find(recovery.id()).orElseThrow().completedAt()).isNull();
    }

    @Test
    void completeWhenCancelledWhileWaitingThenFalse() {
        AccountId owner = newAccount();
        RecoveryCase recovery = waitingCase(Optional.of(owner));
        assertThat(recoveries.cancelOpen(owner, PROVEN.plus(Duration.ofHours(2)))).isEqualTo(1);

        assertThat(recoveries.complete(recovery.id(), WAITING_UNTIL)).isFalse();

        RecoveryCase found = recoveries.find(recovery.id()).orElseThrow();
        assertThat(found.completedAt()).isNull();
        assertThat(found.cancelledAt()).isEqualTo(PROVEN.plus(Duration.ofHours(2)));
        assertThat(found.state(WAITING_UNTIL)).isEqualTo(RecoveryState.CANCELLED);
    }

    @Test
    void completeWhenWaitingPeriodZeroThenReadyAtOnce() {
        RecoveryCase recovery = openCase(Optional.of(newAccount()));
        recoveries.addProof(recovery.id(), Proof.SMS, T0.plusSeconds(5));
        recoveries.addProof(recovery.id(), Proof.PASSWORD, PROVEN);
        recoveries.startWaiting(recovery.id(), PROVEN, PROVEN.plus(Duration.ofHours(24)), PROVEN);
        assertThat(recoveries.find(recovery.id()).orElseThrow().state(PROVEN)).isEqualTo(RecoveryState.READY);

        assertThat(recoveries.complete(recovery.id(), PROVEN)).isTrue();
    }

    @Test
    void completeWhenUnknownThenFalse() {
        waitingCase(Optional.of(newAccount()));

        assertThat(recoveries.complete(UUID.randomUUID(), WAITING_UNTIL)).isFalse();
    }

    @Test
    void cancelOpenWhenSeveralCasesThenCancelsOnlyTheOpenOnesOfThatAccount() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        RecoveryCase needsProof = openCase(Optional.of(owner));
        RecoveryCase waiting = waitingCase(Optional.of(owner));
        RecoveryCase completed = waitingCase(Optional.of(owner));
        recoveries.complete(completed.id(), WAITING_UNTIL);
        RecoveryCase expired = create(RecoveryCase.open(UUID.randomUUID(), tokenHash(), Optional.of(owner), "hanako", T0,
                PROVEN.plusSeconds(1)));
        RecoveryCase othersOpen = openCase(Optional.of(other));
        RecoveryCase unknownOpen = openCase(Optional.empty());
        Instant now = PROVEN.plusSeconds(30);

        assertThat(recoveries.cancelOpen(owner, now)).isEqualTo(2);

        assertThat(recoveries.find(needsProof.id()).orElseThrow().cancelledAt()).isEqualTo(now);
        assertThat(recoveries.find(needsProof.id()).orElseThrow().state(now)).isEqualTo(RecoveryState.CANCELLED);
        assertThat(recoveries.find(waiting.id()).orElseThrow().cancelledAt()).isEqualTo(now);
        assertThat(recoveries.find(waiting.id()).orElseThrow().state(now)).isEqualTo(RecoveryState.CANCELLED);
        RecoveryCase stillCompleted = recoveries.find(completed.id()).orElseThrow();
        assertThat(stillCompleted.cancelledAt()).isNull();
        assertThat(stillCompleted.completedAt()).isEqualTo(WAITING_UNTIL);
        assertThat(recoveries.find(expired.id())).as("already expired").contains(expired);
        assertThat(recoveries.find(othersOpen.id())).contains(othersOpen);
        assertThat(recoveries.find(unknownOpen.id())).contains(unknownOpen);
    }

    @Test
    void cancelOpenWhenAlreadyCancelledThenZeroAndFirstCancellationKept() {
        AccountId owner = newAccount();
        RecoveryCase recovery = openCase(Optional.of(owner));
        assertThat(recoveries.cancelOpen(owner, T0.plusSeconds(5))).isEqualTo(1);

        assertThat(recoveries.cancelOpen(owner, T0.plusSeconds(6))).isZero();

        assertThat(recoveries.find(recovery.id()).orElseThrow().cancelledAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void cancelOpenWhenNoCasesThenZero() {
        AccountId owner = newAccount();
        openCase(Optional.of(newAccount()));

        assertThat(recoveries.cancelOpen(owner, T0.plusSeconds(5))).isZero();
    }

    @Test
    void lastCompletedAtWhenNeverCompletedThenEmpty() {
        AccountId owner = newAccount();
        waitingCase(Optional.of(owner));
        RecoveryCase cancelled = waitingCase(Optional.of(owner));
        recoveries.cancelOpen(owner, PROVEN.plusSeconds(1));
        RecoveryCase othersCompleted = waitingCase(Optional.of(newAccount()));
        recoveries.complete(othersCompleted.id(), WAITING_UNTIL);

        assertThat(recoveries.lastCompletedAt(owner)).isEmpty();
        assertThat(recoveries.find(cancelled.id()).orElseThrow().completedAt()).isNull();
    }

    @Test
    void lastCompletedAtWhenSeveralCompletedThenTheLatest() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        RecoveryCase earlier = waitingCase(Optional.of(owner));
        RecoveryCase later = waitingCase(Optional.of(owner));
        RecoveryCase others = waitingCase(Optional.of(other));
        Instant latest = WAITING_UNTIL.plusSeconds(60).plus(MICRO);
        // Completed in the other order than their times, so the answer cannot be "the last one written".
        recoveries.complete(later.id(), latest);
        recoveries.complete(earlier.id(), WAITING_UNTIL.plusSeconds(5));
        recoveries.complete(others.id(), WAITING_UNTIL.plusSeconds(600));

        assertThat(recoveries.lastCompletedAt(owner)).contains(latest);
        assertThat(recoveries.lastCompletedAt(other)).contains(WAITING_UNTIL.plusSeconds(600));
    }

    @Test
    void deleteExpiredBeforeWhenSomeExpiredThenDeletesOnlyThoseAndCountsThem() {
        AccountId owner = newAccount();
        Instant before = PROOF_EXPIRES.plusSeconds(60);
        RecoveryCase expiredOpen = openCase(Optional.of(owner));
        RecoveryCase expiredUnknown = openCase(Optional.empty());
        RecoveryCase expiredCancelled = create(RecoveryCase.open(UUID.randomUUID(), tokenHash(), Optional.of(newAccount()),
                "taro", T0, T0.plusSeconds(30)));
        recoveries.cancelOpen(expiredCancelled.accountId().orElseThrow(), T0.plusSeconds(1));
        RecoveryCase justAtBound = create(RecoveryCase.open(UUID.randomUUID(), tokenHash(), Optional.of(owner), "hanako", T0,
                before));
        RecoveryCase waiting = waitingCase(Optional.of(owner));

        assertThat(recoveries.deleteExpiredBefore(before)).isEqualTo(3);

        assertThat(recoveries.find(expiredOpen.id())).isEmpty();
        assertThat(recoveries.find(expiredUnknown.id())).isEmpty();
        assertThat(recoveries.find(expiredCancelled.id())).isEmpty();
        assertThat(recoveries.find(justAtBound.id())).as("expires exactly at the bound").contains(justAtBound);
        assertThat(recoveries.find(waiting.id())).as("its expiry moved with the waiting period").isPresent();
        assertThat(recoveries.deleteExpiredBefore(before)).isZero();
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    /** A random SHA-256-shaped hash: every case has its own token. */
    static String tokenHash() {
        return RecoveryTokens.hash(UUID.randomUUID().toString());
    }

    // Issue 14: a recovery belongs to whoever holds its token.

    @Test
    void findByTokenHashWhenStoredThenThatCaseAndNoOther() {
        RecoveryCase mine = openCase(Optional.of(newAccount()));
        RecoveryCase other = openCase(Optional.empty());

        assertThat(recoveries.findByTokenHash(mine.tokenHash())).contains(mine);
        assertThat(recoveries.findByTokenHash(other.tokenHash())).contains(other);
        assertThat(recoveries.findByTokenHash(tokenHash())).isEmpty();
        assertThat(recoveries.findByTokenHash("")).isEmpty();
    }

    @Test
    void createWhenTokenHashTakenThenConflict() {
        RecoveryCase first = openCase(Optional.empty());
        RecoveryCase clash = RecoveryCase.open(UUID.randomUUID(), first.tokenHash(), Optional.empty(), "someone-else",
                T0, PROOF_EXPIRES);

        assertThatThrownBy(() -> recoveries.create(clash)).isInstanceOf(Conflict.class);
        assertThat(recoveries.find(clash.id())).isEmpty();
    }

    @Test
    void replaceTokenHashWhenWaitingThenOnlyTheNewHashFindsIt() {
        RecoveryCase waiting = waitingCase(Optional.of(newAccount()));
        String fresh = tokenHash();

        assertThat(recoveries.replaceTokenHash(waiting.id(), fresh)).isTrue();

        assertThat(recoveries.findByTokenHash(waiting.tokenHash())).isEmpty();
        assertThat(recoveries.findByTokenHash(fresh).map(RecoveryCase::id)).contains(waiting.id());
        assertThat(recoveries.find(waiting.id()).orElseThrow().tokenHash()).isEqualTo(fresh);
        assertThat(recoveries.find(waiting.id()).orElseThrow().waitingUntil()).isEqualTo(waiting.waitingUntil());
    }

    @Test
    void replaceTokenHashWhenCompletedOrUnknownThenFalseAndKept() {
        RecoveryCase waiting = waitingCase(Optional.of(newAccount()));
        assertThat(recoveries.complete(waiting.id(), WAITING_UNTIL)).isTrue();

        assertThat(recoveries.replaceTokenHash(waiting.id(), tokenHash())).isFalse();
        assertThat(recoveries.find(waiting.id()).orElseThrow().tokenHash()).isEqualTo(waiting.tokenHash());
        assertThat(recoveries.replaceTokenHash(UUID.randomUUID(), tokenHash())).isFalse();
    }

    private RecoveryCase create(RecoveryCase recovery) {
        recoveries.create(recovery);
        return recovery;
    }

    /** A case just started at T0, accepting proofs until PROOF_EXPIRES. */
    private RecoveryCase openCase(Optional<AccountId> owner) {
        String subject = owner.isPresent() ? "user-" + owner.orElseThrow() : "no-such-user-" + UUID.randomUUID();
        return create(RecoveryCase.open(UUID.randomUUID(), tokenHash(), owner, subject, T0, PROOF_EXPIRES));
    }

    /** A case proven by email and SMS at PROVEN, waiting until WAITING_UNTIL and completable until COMPLETE_EXPIRES. */
    private RecoveryCase waitingCase(Optional<AccountId> owner) {
        RecoveryCase recovery = openCase(owner);
        assertThat(recoveries.addProof(recovery.id(), Proof.EMAIL, T0.plusSeconds(5))).isTrue();
        assertThat(recoveries.addProof(recovery.id(), Proof.SMS, PROVEN)).isTrue();
        assertThat(recoveries.startWaiting(recovery.id(), WAITING_UNTIL, COMPLETE_EXPIRES, PROVEN)).isTrue();
        return recoveries.find(recovery.id()).orElseThrow();
    }
}
