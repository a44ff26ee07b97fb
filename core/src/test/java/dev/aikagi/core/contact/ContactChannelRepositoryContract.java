package dev.aikagi.core.contact;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.delivery.Channel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContactChannelRepository} must do. Subclasses supply the implementation under test. An
 * account has at most one channel of each kind; saving another replaces it.
 */
public abstract class ContactChannelRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final String MOBILE = "+819012345678";
    private static final String OTHER_MOBILE = "+818011112222";
    private static final String EMAIL = "hanako@example.jp";

    private ContactChannelRepository channels;
    private AccountRepository accounts;

    /** A repository holding no channels. */
    protected abstract ContactChannelRepository createRepository();

    /** Where the accounts owning the channels are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        channels = createRepository();
        accounts = accountRepository();
    }

    @Test
    void saveWhenNewThenFindReturnsWhatWasStored() {
        AccountId owner = newAccount();
        ContactChannel phone = new ContactChannel(owner, Channel.SMS, MOBILE, "ja", true, T0.plusNanos(7_000));

        channels.save(phone);

        assertThat(channels.find(owner, Channel.SMS)).contains(phone);
        assertThat(channels.findByAccount(owner)).containsExactly(phone);
    }

    @Test
    void saveWhenSameKindExistsThenReplacesIt() {
        AccountId owner = newAccount();
        channels.save(phone(owner, MOBILE, true, T0));
        ContactChannel changed = new ContactChannel(owner, Channel.SMS, OTHER_MOBILE, "en", false, T0.plus(DAY));

        channels.save(changed);

        assertThat(channels.find(owner, Channel.SMS)).contains(changed);
        assertThat(channels.findByAccount(owner)).containsExactly(changed);
    }

    @Test
    void saveWhenOtherKindExistsThenBothKeptEmailFirst() {
        AccountId owner = newAccount();
        ContactChannel phone = phone(owner, MOBILE, true, T0);
        ContactChannel email = email(owner, EMAIL, T0.plus(DAY));
        channels.save(phone);

        channels.save(email);

        assertThat(channels.findByAccount(owner)).containsExactly(email, phone);
        assertThat(channels.find(owner, Channel.EMAIL)).contains(email);
        assertThat(channels.find(owner, Channel.SMS)).contains(phone);
    }

    @Test
    void saveWhenOtherAccountHasTheSameAddressThenBothKept() {
        AccountId owner = newAccount();
        AccountId sibling = newAccount();
        ContactChannel mine = phone(owner, MOBILE, true, T0);
        ContactChannel theirs = phone(sibling, MOBILE, false, T0.plusSeconds(1));
        channels.save(mine);

        channels.save(theirs);

        assertThat(channels.find(owner, Channel.SMS)).contains(mine);
        assertThat(channels.find(sibling, Channel.SMS)).contains(theirs);
    }

    @Test
    void findWhenOnlyOtherKindThenEmpty() {
        AccountId owner = newAccount();
        channels.save(email(owner, EMAIL, T0));

        assertThat(channels.find(owner, Channel.SMS)).isEmpty();
    }

    @Test
    void findByAccountWhenNoneThenEmpty() {
        AccountId owner = newAccount();
        channels.save(email(newAccount(), EMAIL, T0));

        assertThat(channels.findByAccount(owner)).isEmpty();
        assertThat(channels.find(owner, Channel.EMAIL)).isEmpty();
    }

    @Test
    void setSmsLoginWhenPhoneThenTurnsItOffAndOnAgain() {
        AccountId owner = newAccount();
        ContactChannel phone = phone(owner, MOBILE, true, T0);
        channels.save(phone);

        assertThat(channels.setSmsLogin(owner, false)).isTrue();
        assertThat(channels.find(owner, Channel.SMS)).contains(phone(owner, MOBILE, false, T0));

        assertThat(channels.setSmsLogin(owner, true)).isTrue();
        assertThat(channels.find(owner, Channel.SMS)).contains(phone);
    }

    @Test
    void setSmsLoginWhenAlreadyInThatStateThenTrueAndUnchanged() {
        AccountId owner = newAccount();
        ContactChannel phone = phone(owner, MOBILE, false, T0);
        channels.save(phone);

        assertThat(channels.setSmsLogin(owner, false)).isTrue();

        assertThat(channels.find(owner, Channel.SMS)).contains(phone);
    }

    @Test
    void setSmsLoginWhenNoPhoneThenFalseAndEmailUntouched() {
        AccountId owner = newAccount();
        ContactChannel email = email(owner, EMAIL, T0);
        channels.save(email);

        assertThat(channels.setSmsLogin(owner, true)).isFalse();

        assertThat(channels.findByAccount(owner)).containsExactly(email);
    }

    @Test
    void setSmsLoginWhenOtherAccountHasPhoneThenOnlyOwnChanges() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        channels.save(phone(owner, MOBILE, false, T0));
        ContactChannel others = phone(other, OTHER_MOBILE, false, T0);
        channels.save(others);

        channels.setSmsLogin(owner, true);

        assertThat(channels.find(owner, Channel.SMS)).contains(phone(owner, MOBILE, true, T0));
        assertThat(channels.find(other, Channel.SMS)).contains(others);
    }

    @Test
    void removeWhenPresentThenTrueAndOtherKindKept() {
        AccountId owner = newAccount();
        ContactChannel email = email(owner, EMAIL, T0);
        channels.save(phone(owner, MOBILE, true, T0));
        channels.save(email);

        assertThat(channels.remove(owner, Channel.SMS)).isTrue();

        assertThat(channels.find(owner, Channel.SMS)).isEmpty();
        assertThat(channels.findByAccount(owner)).containsExactly(email);
        assertThat(channels.setSmsLogin(owner, true)).isFalse();
    }

    @Test
    void removeWhenAbsentThenFalse() {
        AccountId owner = newAccount();
        channels.save(email(owner, EMAIL, T0));

        assertThat(channels.remove(owner, Channel.SMS)).isFalse();
        assertThat(channels.remove(newAccount(), Channel.EMAIL)).isFalse();

        assertThat(channels.findByAccount(owner)).hasSize(1);
    }

    @Test
    void saveWhenRemovedBeforeThenStoredAgain() {
        AccountId owner = newAccount();
        channels.save(phone(owner, MOBILE, true, T0));
        channels.remove(owner, Channel.SMS);
        ContactChannel again = phone(owner, OTHER_MOBILE, true, T0.plus(DAY));

        channels.save(again);

        assertThat(channels.findByAccount(owner)).containsExactly(again);
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    private static ContactChannel phone(AccountId owner, String e164, boolean smsLogin, Instant verifiedAt) {
        return new ContactChannel(owner, Channel.SMS, e164, "ja", smsLogin, verifiedAt);
    }

    private static ContactChannel email(AccountId owner, String address, Instant verifiedAt) {
        return new ContactChannel(owner, Channel.EMAIL, address, "en", false, verifiedAt);
    }
}
