package dev.aikagi.core.session;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountLinkRepository} must do. Subclasses supply the implementation under test. */
public abstract class AccountLinkRepositoryContract {

    private AccountLinkRepository links;
    private AccountRepository accounts;

    /** A repository holding no links. */
    protected abstract AccountLinkRepository createRepository();

    /** Where the linked accounts are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        links = createRepository();
        accounts = accountRepository();
    }

    @Test
    void groupWhenNeverLinkedThenOnlyItself() {
        AccountId alone = newAccount();

        assertThat(links.group(alone)).containsExactly(alone);
    }

    @Test
    void linkWhenTwoAccountsThenEachGroupHoldsBoth() {
        AccountId a = newAccount();
        AccountId b = newAccount();

        links.link(a, b);

        assertThat(links.group(a)).containsExactlyInAnyOrder(a, b);
        assertThat(links.group(b)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void linkWhenChainedThenGroupIsTransitive() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        AccountId c = newAccount();

        links.link(a, b);
        links.link(c, b);

        assertThat(List.of(a, b, c)).allSatisfy(x -> assertThat(links.group(x)).containsExactlyInAnyOrder(a, b, c));
    }

    @Test
    void linkWhenBothAlreadyInGroupsThenTheGroupsMerge() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        AccountId c = newAccount();
        AccountId d = newAccount();
        links.link(a, b);
        links.link(c, d);

        links.link(b, d);

        assertThat(List.of(a, b, c, d)).allSatisfy(x -> assertThat(links.group(x)).containsExactlyInAnyOrder(a, b, c, d));
    }

    @Test
    void linkWhenAlreadyLinkedThenGroupUnchanged() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        AccountId c = newAccount();
        links.link(a, b);
        links.link(b, c);

        links.link(b, a);
        links.link(c, a);

        assertThat(List.of(a, b, c)).allSatisfy(x -> assertThat(links.group(x)).containsExactlyInAnyOrder(a, b, c));
    }

    @Test
    void linkWhenSameAccountTwiceThenStillAlone() {
        // Sessions.addAccount links the signed-in account to the one just proved, which may be the same.
        AccountId a = newAccount();

        links.link(a, a);

        assertThat(links.group(a)).containsExactly(a);
    }

    @Test
    void linkWhenOtherGroupsExistThenTheyAreUntouched() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        AccountId c = newAccount();
        AccountId d = newAccount();
        AccountId e = newAccount();
        links.link(c, d);

        links.link(a, b);
        links.link(b, e);

        assertThat(links.group(c)).containsExactlyInAnyOrder(c, d);
        assertThat(links.group(a)).containsExactlyInAnyOrder(a, b, e);
    }

    @Test
    void unlinkWhenAnyMemberOfThreeLeavesThenTheOtherTwoStayLinkedAndItCanLinkAgain() {
        // Each position in turn, so whichever member an implementation treats specially also leaves once.
        for (int leaving = 0; leaving < 3; leaving++) {
            List<AccountId> group = IntStream.range(0, 3).mapToObj(i -> newAccount()).toList();
            links.link(group.get(0), group.get(1));
            links.link(group.get(1), group.get(2));
            AccountId leaver = group.get(leaving);
            List<AccountId> rest = group.stream().filter(x -> !x.equals(leaver)).toList();
            AccountId newcomer = newAccount();

            links.unlink(leaver);

            assertThat(links.group(leaver)).as("leaver %d", leaving).containsExactly(leaver);
            assertThat(rest).allSatisfy(x -> assertThat(links.group(x)).containsExactlyInAnyOrderElementsOf(rest));

            links.link(leaver, newcomer);

            assertThat(links.group(newcomer)).as("leaver %d", leaving).containsExactlyInAnyOrder(leaver, newcomer);
            assertThat(rest).allSatisfy(x -> assertThat(links.group(x)).containsExactlyInAnyOrderElementsOf(rest));
        }
    }

    @Test
    void unlinkWhenGroupOfTwoThenBothAlone() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        links.link(a, b);

        links.unlink(b);

        assertThat(links.group(a)).containsExactly(a);
        assertThat(links.group(b)).containsExactly(b);
    }

    @Test
    void unlinkWhenLastTwoLeaveInTurnThenTheGroupCanBeRebuilt() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        AccountId c = newAccount();
        links.link(a, b);
        links.link(a, c);
        links.unlink(a);
        links.unlink(b);

        links.link(c, a);

        assertThat(links.group(a)).containsExactlyInAnyOrder(a, c);
        assertThat(links.group(b)).containsExactly(b);
    }

    @Test
    void unlinkWhenNeverLinkedThenNothingChanges() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        AccountId c = newAccount();
        links.link(b, c);

        links.unlink(a);

        assertThat(links.group(a)).containsExactly(a);
        assertThat(links.group(b)).containsExactlyInAnyOrder(b, c);
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }
}
