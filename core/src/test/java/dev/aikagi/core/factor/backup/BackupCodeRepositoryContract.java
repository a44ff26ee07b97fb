package dev.aikagi.core.factor.backup;

import static dev.aikagi.core.TestAccounts.account;
import static dev.aikagi.core.factor.backup.TestBackupCodes.code;
import static dev.aikagi.core.factor.backup.TestBackupCodes.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BackupCodeRepository} must do. Subclasses supply the implementation under test. */
public abstract class BackupCodeRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration DAY = Duration.ofDays(1);

    private BackupCodeRepository codes;
    private AccountRepository accounts;

    /** A repository holding no sets. */
    protected abstract BackupCodeRepository createRepository();

    /** Where the accounts owning the sets are created first (the JDBC tables have foreign keys). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        codes = createRepository();
        accounts = accountRepository();
    }

    @Test
    void replaceWhenFirstSetThenFindCurrentReturnsWhatWasStored() {
        AccountId owner = newAccount();
        List<StoredBackupCode> stored = new ArrayList<>();
        // Out of order, with and without a sealed copy, one already used: all of it must survive.
        stored.add(code(2, "k2:c2VhbGVkLTI", null));
        stored.add(code(0, null, null));
        stored.add(code(1, "k1:c2VhbGVkLTE", T0.plusNanos(1_000)));
        BackupCodeSet set = new BackupCodeSet(UUID.randomUUID(), owner, T0, stored);

        codes.replace(set);

        Optional<BackupCodeSet> current = codes.findCurrent(owner);
        assertThat(current).isPresent();
        assertThat(current.get()).usingRecursiveComparison().isEqualTo(set);
        assertThat(current.get().codes()).extracting(StoredBackupCode::position).containsExactly(0, 1, 2);
    }

    @Test
    void replaceWhenCurrentExistsThenNewSetIsCurrent() {
        AccountId owner = newAccount();
        BackupCodeSet old = set(owner, T0, 4);
        BackupCodeSet next = set(owner, T0.plus(DAY), 5);
        codes.replace(old);

        codes.replace(next);

        assertThat(codes.findCurrent(owner)).get().usingRecursiveComparison().isEqualTo(next);
        assertThat(codes.countUnused(owner)).isEqualTo(5);
    }

    @Test
    void replaceWhenCurrentExistsThenItsDigestsAreReplacedDigests() {
        AccountId owner = newAccount();
        BackupCodeSet old = set(owner, T0, 4);
        codes.replace(old);

        codes.replace(set(owner, T0.plus(DAY), 4));

        assertThat(describe(codes.findReplacedDigests(owner, 1))).containsExactlyInAnyOrderElementsOf(digestsOf(old));
    }

    @Test
    void replaceWhenOtherAccountHasSetThenItStaysCurrent() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        BackupCodeSet others = set(other, T0, 4);
        codes.replace(others);

        codes.replace(set(owner, T0.plus(DAY), 4));

        assertThat(codes.findCurrent(other)).get().usingRecursiveComparison().isEqualTo(others);
        assertThat(codes.findReplacedDigests(other, 10)).isEmpty();
    }

    @Test
    void replaceWhenSetIdTakenThenConflictAndCurrentSetUnchanged() {
        AccountId owner = newAccount();
        BackupCodeSet current = set(owner, T0, 4);
        codes.replace(current);
        BackupCodeSet clash = new BackupCodeSet(current.id(), owner, T0.plus(DAY), set(owner, T0, 4).codes());

        assertThatThrownBy(() -> codes.replace(clash)).isInstanceOf(Conflict.class);

        assertThat(codes.findCurrent(owner)).get().usingRecursiveComparison().isEqualTo(current);
        assertThat(codes.findReplacedDigests(owner, 10)).isEmpty();
        assertThat(codes.consume(current.codes().getFirst().id(), T0.plus(DAY))).isTrue();
    }

    @Test
    void findCurrentWhenNoneThenEmpty() {
        assertThat(codes.findCurrent(newAccount())).isEmpty();
    }

    @Test
    void findCurrentWhenCodeConsumedThenShowsWhenItWasUsed() {
        AccountId owner = newAccount();
        BackupCodeSet set = set(owner, T0, 4);
        codes.replace(set);
        StoredBackupCode used = set.codes().get(2);
        Instant usedAt = T0.plusSeconds(3_600).plusNanos(999_000);

        codes.consume(used.id(), usedAt);

        BackupCodeSet current = codes.findCurrent(owner).orElseThrow();
        assertThat(current.codes().get(2).usedAt()).isEqualTo(usedAt);
        assertThat(current.remaining()).isEqualTo(3);
    }

    @Test
    void findReplacedDigestsWhenMoreReplacedSetsThanMaxThenOnlyTheMostRecent() {
        AccountId owner = newAccount();
        BackupCodeSet first = set(owner, T0, 4);
        BackupCodeSet second = set(owner, T0.plus(DAY), 4);
        BackupCodeSet third = set(owner, T0.plus(DAY.multipliedBy(2)), 4);
        BackupCodeSet current = set(owner, T0.plus(DAY.multipliedBy(3)), 4);
        Stream.of(first, second, third, current).forEach(codes::replace);

        assertThat(describe(codes.findReplacedDigests(owner, 2)))
                .containsExactlyInAnyOrderElementsOf(concat(digestsOf(third), digestsOf(second)));
        assertThat(describe(codes.findReplacedDigests(owner, 1))).containsExactlyInAnyOrderElementsOf(digestsOf(third));
        assertThat(describe(codes.findReplacedDigests(owner, 10)))
                .containsExactlyInAnyOrderElementsOf(concat(concat(digestsOf(third), digestsOf(second)), digestsOf(first)));
    }

    @Test
    void findReplacedDigestsWhenReplacedCodeWasUsedThenItsDigestIsIncluded() {
        AccountId owner = newAccount();
        BackupCodeSet old = set(owner, T0, 4);
        codes.replace(old);
        codes.consume(old.codes().getFirst().id(), T0.plusSeconds(1));

        codes.replace(set(owner, T0.plus(DAY), 4));

        assertThat(describe(codes.findReplacedDigests(owner, 1))).containsExactlyInAnyOrderElementsOf(digestsOf(old));
    }

    @Test
    void findReplacedDigestsWhenNoSetReplacedThenEmpty() {
        AccountId owner = newAccount();
        codes.replace(set(owner, T0, 4));

        assertThat(codes.findReplacedDigests(owner, 10)).isEmpty();
    }

    @Test
    void findReplacedDigestsWhenMaxSetsZeroThenEmpty() {
        AccountId owner = newAccount();
        codes.replace(set(owner, T0, 4));
        codes.replace(set(owner, T0.plus(DAY), 4));

        assertThat(codes.findReplacedDigests(owner, 0)).isEmpty();
    }

    @Test
    void findReplacedDigestsWhenMaxSetsNegativeThenIllegalArgument() {
        AccountId owner = newAccount();

        assertThatThrownBy(() -> codes.findReplacedDigests(owner, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void consumeWhenUnusedThenTrueAndMarkedUsed() {
        AccountId owner = newAccount();
        BackupCodeSet set = set(owner, T0, 4);
        codes.replace(set);
        StoredBackupCode code = set.codes().get(1);

        assertThat(codes.consume(code.id(), T0.plusSeconds(5))).isTrue();

        assertThat(codes.findCurrent(owner)).get().usingRecursiveComparison()
                .isEqualTo(new BackupCodeSet(set.id(), owner, T0, List.of(set.codes().get(0),
                        code.usedAt(T0.plusSeconds(5)), set.codes().get(2), set.codes().get(3))));
    }

    @Test
    void consumeWhenAlreadyUsedThenFalseAndFirstUseKept() {
        AccountId owner = newAccount();
        BackupCodeSet set = set(owner, T0, 4);
        codes.replace(set);
        StoredBackupCode code = set.codes().getFirst();
        codes.consume(code.id(), T0.plusSeconds(5));

        assertThat(codes.consume(code.id(), T0.plusSeconds(6))).isFalse();

        assertThat(codes.findCurrent(owner).orElseThrow().codes().getFirst().usedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(codes.countUnused(owner)).isEqualTo(3);
    }

    @Test
    void consumeWhenSetReplacedThenFalse() {
        AccountId owner = newAccount();
        BackupCodeSet old = set(owner, T0, 4);
        codes.replace(old);
        codes.replace(set(owner, T0.plus(DAY), 4));

        assertThat(codes.consume(old.codes().getFirst().id(), T0.plus(DAY).plusSeconds(1))).isFalse();

        assertThat(codes.countUnused(owner)).isEqualTo(4);
    }

    @Test
    void consumeWhenUnknownThenFalse() {
        assertThat(codes.consume(UUID.randomUUID(), T0)).isFalse();
    }

    @Test
    void countUnusedWhenSomeUsedThenCountsTheRest() {
        AccountId owner = newAccount();
        BackupCodeSet set = set(owner, T0, 10);
        codes.replace(set);
        codes.consume(set.codes().get(3).id(), T0.plusSeconds(1));
        codes.consume(set.codes().get(7).id(), T0.plusSeconds(2));

        assertThat(codes.countUnused(owner)).isEqualTo(8);
    }

    @Test
    void countUnusedWhenAllUsedThenZero() {
        AccountId owner = newAccount();
        BackupCodeSet set = set(owner, T0, 4);
        codes.replace(set);
        set.codes().forEach(c -> codes.consume(c.id(), T0.plusSeconds(1)));

        assertThat(codes.countUnused(owner)).isZero();
        assertThat(codes.findCurrent(owner)).isPresent();
    }

    @Test
    void countUnusedWhenNoSetThenZero() {
        assertThat(codes.countUnused(newAccount())).isZero();
    }

    @Test
    void countUnusedWhenOtherAccountHasCodesThenCountsOnlyOwn() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        codes.replace(set(owner, T0, 4));
        codes.replace(set(other, T0, 6));

        assertThat(codes.countUnused(owner)).isEqualTo(4);
    }

    @Test
    void deleteAllWhenCurrentAndReplacedSetsThenRemovesBoth() {
        AccountId owner = newAccount();
        BackupCodeSet old = set(owner, T0, 4);
        BackupCodeSet current = set(owner, T0.plus(DAY), 4);
        codes.replace(old);
        codes.replace(current);

        codes.deleteAll(owner);

        assertThat(codes.findCurrent(owner)).isEmpty();
        assertThat(codes.findReplacedDigests(owner, 10)).isEmpty();
        assertThat(codes.countUnused(owner)).isZero();
        assertThat(codes.consume(current.codes().getFirst().id(), T0.plus(DAY))).isFalse();
    }

    @Test
    void deleteAllWhenOtherAccountHasSetsThenKeepsThem() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        BackupCodeSet othersOld = set(other, T0, 4);
        BackupCodeSet others = set(other, T0.plus(DAY), 4);
        codes.replace(set(owner, T0, 4));
        codes.replace(othersOld);
        codes.replace(others);

        codes.deleteAll(owner);

        assertThat(codes.findCurrent(other)).get().usingRecursiveComparison().isEqualTo(others);
        assertThat(describe(codes.findReplacedDigests(other, 10))).containsExactlyInAnyOrderElementsOf(digestsOf(othersOld));
    }

    @Test
    void replaceWhenAllSetsDeletedThenNewSetIsCurrent() {
        AccountId owner = newAccount();
        codes.replace(set(owner, T0, 4));
        codes.deleteAll(owner);
        BackupCodeSet next = set(owner, T0.plus(DAY), 4);

        codes.replace(next);

        assertThat(codes.findCurrent(owner)).get().usingRecursiveComparison().isEqualTo(next);
        assertThat(codes.findReplacedDigests(owner, 10)).isEmpty();
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    private static List<String> digestsOf(BackupCodeSet set) {
        return describe(set.codes().stream().map(StoredBackupCode::digest).toList());
    }

    /** Digests as text: records holding arrays compare by identity, not content. */
    private static List<String> describe(List<KeyedDigest> digests) {
        HexFormat hex = HexFormat.of();
        return digests.stream().map(d -> d.keyId() + "/" + hex.formatHex(d.salt()) + "/" + hex.formatHex(d.digest())).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
