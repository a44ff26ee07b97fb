package dev.aikagi.core.support;

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

/**
 * What every {@link SupportRepository} and {@link EvidenceRepository} must do. The rules that matter for
 * security: a case is decided once; with two approvals required the second must come from another agent;
 * the approval's link is used once; files are kept until the retention period after the decision.
 */
public abstract class SupportRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final AccountId AGENT_1 = new AccountId(UUID.fromString("00000000-0000-4000-8000-00000000a001"));
    private static final AccountId AGENT_2 = new AccountId(UUID.fromString("00000000-0000-4000-8000-00000000a002"));

    private SupportRepository cases;
    private EvidenceRepository evidence;
    private AccountRepository accounts;

    /** A repository holding no cases. */
    protected abstract SupportRepository createRepository();

    /** The evidence repository over the same storage as the last {@link #createRepository()}. */
    protected abstract EvidenceRepository evidenceRepository();

    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        cases = createRepository();
        evidence = evidenceRepository();
        accounts = accountRepository();
    }

    private AccountId newAccount() {
        Account a = account().build();
        accounts.create(a);
        return a.id();
    }

    private SupportCase opened(Optional<AccountId> account, Instant at) {
        SupportCase c = SupportCase.open(UUID.randomUUID(), account, "hanako", "hanako@example.jp", "ja",
                "I lost my phone. 携帯をなくしました。", at);
        cases.create(c);
        return c;
    }

    @Test
    void createWhenKnownOrUnknownAccountThenFindReturnsWhatWasStored() {
        SupportCase known = opened(Optional.of(newAccount()), T0);
        SupportCase unknown = opened(Optional.empty(), T0);

        assertThat(cases.find(known.id())).contains(known);
        assertThat(cases.find(unknown.id())).contains(unknown);
        assertThat(cases.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void createWhenIdExistsThenConflict() {
        SupportCase c = opened(Optional.empty(), T0);

        assertThatThrownBy(() -> cases.create(c)).isInstanceOf(Conflict.class);
    }

    @Test
    void queueWhenFilteredByStateAndAgeThenOldestFirst() {
        SupportCase old = opened(Optional.empty(), T0);
        SupportCase newer = opened(Optional.empty(), T0.plusSeconds(60));
        SupportCase rejected = opened(Optional.empty(), T0.plusSeconds(30));
        assertThat(cases.reject(rejected.id(), AGENT_1, "no match", T0.plusSeconds(90))).isTrue();

        assertThat(cases.queue(Optional.empty(), T0.plusSeconds(120), 10)).extracting(SupportCase::id)
                .containsExactly(old.id(), rejected.id(), newer.id());
        assertThat(cases.queue(Optional.of(SupportState.OPEN), T0.plusSeconds(120), 10)).extracting(SupportCase::id)
                .containsExactly(old.id(), newer.id());
        assertThat(cases.queue(Optional.of(SupportState.OPEN), T0.plusSeconds(59), 10)).extracting(SupportCase::id)
                .containsExactly(old.id());
        assertThat(cases.queue(Optional.empty(), T0.plusSeconds(120), 1)).hasSize(1);
    }

    @Test
    void approveWhenOneApprovalSufficesThenOnceOnly() {
        SupportCase c = opened(Optional.of(newAccount()), T0);

        assertThat(cases.approve(c.id(), AGENT_1, "ID matches", false, T0.plusSeconds(5))).isTrue();
        assertThat(cases.approve(c.id(), AGENT_2, "again", false, T0.plusSeconds(6))).isFalse();
        assertThat(cases.reject(c.id(), AGENT_2, "too late", T0.plusSeconds(6))).isFalse();

        SupportCase approved = cases.find(c.id()).orElseThrow();
        assertThat(approved.state()).isEqualTo(SupportState.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo(AGENT_1);
        assertThat(approved.decidedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(approved.reason()).isEqualTo("ID matches");
        assertThat(approved.approvals()).containsExactly(AGENT_1);
    }

    @Test
    void approveWhenTwoRequiredThenSecondMustBeAnotherAgent() {
        SupportCase c = opened(Optional.of(newAccount()), T0);

        assertThat(cases.approve(c.id(), AGENT_1, "ID ok", true, T0)).as("no first approval yet").isFalse();
        assertThat(cases.addFirstApproval(c.id(), AGENT_1)).isTrue();
        assertThat(cases.addFirstApproval(c.id(), AGENT_2)).as("first approval only once").isFalse();
        assertThat(cases.find(c.id()).orElseThrow().state()).isEqualTo(SupportState.OPEN);
        assertThat(cases.approve(c.id(), AGENT_1, "me again", true, T0.plusSeconds(1))).as("same agent").isFalse();
        assertThat(cases.approve(c.id(), AGENT_2, "agreed", true, T0.plusSeconds(2))).isTrue();

        SupportCase approved = cases.find(c.id()).orElseThrow();
        assertThat(approved.state()).isEqualTo(SupportState.APPROVED);
        assertThat(approved.approvals()).containsExactly(AGENT_1, AGENT_2);
    }

    @Test
    void attachRecoveryAndUseLinkWhenApprovedThenLinkWorksOnce() {
        SupportCase c = opened(Optional.of(newAccount()), T0);
        UUID recovery = UUID.randomUUID();
        assertThat(cases.attachRecovery(c.id(), recovery, "d1")).as("not approved yet").isFalse();
        assertThat(cases.approve(c.id(), AGENT_1, "ok", false, T0)).isTrue();

        assertThat(cases.attachRecovery(c.id(), recovery, "d1")).isTrue();
        assertThat(cases.attachRecovery(c.id(), UUID.randomUUID(), "d2")).isFalse();
        assertThat(cases.useLink("other", T0.plusSeconds(1))).isEmpty();
        Optional<SupportCase> used = cases.useLink("d1", T0.plusSeconds(2));
        assertThat(cases.useLink("d1", T0.plusSeconds(3))).isEmpty();

        assertThat(used).map(SupportCase::recoveryId).contains(recovery);
        assertThat(used.orElseThrow().state()).isEqualTo(SupportState.CLOSED);
        assertThat(used.orElseThrow().closedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void evidenceWhenAddedThenListedWithoutContentAndDeletedAfterRetention() {
        SupportCase decided = opened(Optional.empty(), T0);
        SupportCase open = opened(Optional.empty(), T0);
        Evidence a = new Evidence(UUID.randomUUID(), decided.id(), EvidenceType.PNG, "photo.png", 1234, T0);
        Evidence b = new Evidence(UUID.randomUUID(), open.id(), EvidenceType.PDF, "id.pdf", 99, T0);
        evidence.add(a, "k1:" + "A".repeat(100_000));
        evidence.add(b, "k1:BBBB");
        assertThat(cases.reject(decided.id(), AGENT_1, "no", T0.plus(Duration.ofDays(1)))).isTrue();

        assertThat(evidence.list(decided.id())).containsExactly(a);
        assertThat(evidence.find(b.id())).contains(b);
        assertThat(evidence.sealedContent(a.id())).contains("k1:" + "A".repeat(100_000));
        assertThat(evidence.deleteDecidedBefore(T0.plus(Duration.ofDays(1)))).isZero();
        assertThat(evidence.deleteDecidedBefore(T0.plus(Duration.ofDays(2)))).isEqualTo(1);
        assertThat(evidence.list(decided.id())).isEmpty();
        assertThat(evidence.sealedContent(a.id())).isEmpty();
        assertThat(evidence.list(open.id())).containsExactly(b);
    }
}
