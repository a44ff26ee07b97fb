package dev.aikagi.core.account;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.factor.password.PasswordHash;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountRepository} must do. Subclasses supply the implementation under test. */
public abstract class AccountRepositoryContract {

    private static final PasswordHash NEW_HASH =
            new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNo");

    private AccountRepository accounts;

    /** A repository holding no accounts. */
    protected abstract AccountRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        accounts = createRepository();
    }

    @Test
    void createWhenNewThenFindByIdReturnsWhatWasStored() {
        Account account = account().createdAt(Instant.parse("2026-03-04T05:06:07.654321Z")).build();

        accounts.create(account);

        assertThat(accounts.findById(account.id())).contains(account);
    }

    @Test
    void createWhenNewThenFindByUsernameReturnsIt() {
        Account account = account().build();

        accounts.create(account);

        assertThat(accounts.findByUsername(account.username())).contains(account);
    }

    @Test
    void createWhenUsernameIsNotAsciiThenItRoundTrips() {
        Account account = account().username("たろう-" + UUID.randomUUID().toString().substring(0, 8)).build();

        accounts.create(account);

        assertThat(accounts.findByUsername(account.username())).contains(account);
    }

    @Test
    void createWhenUsernameTakenThenConflict() {
        Account first = account().build();
        Account second = account().username(first.username()).build();
        accounts.create(first);

        assertThatThrownBy(() -> accounts.create(second)).isInstanceOf(Conflict.class);

        assertThat(accounts.findById(second.id())).isEmpty();
        assertThat(accounts.findByUsername(first.username())).contains(first);
    }

    @Test
    void createWhenUsernameLooksLikeATakenOneThenConflict() {
        // Issue 14, point 5: the same TS #39 skeleton is the same name; decided by the store, so race-safe.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Account latin = account().username("paypal-" + suffix).build();
        accounts.create(latin);

        for (String lookalike : new String[] {"p\u0430ypal-" + suffix, "\u03c1\u03b1ypal-" + suffix}) {
            Account spoof = account().username(lookalike).build();
            assertThatThrownBy(() -> accounts.create(spoof)).as(lookalike).isInstanceOf(Conflict.class);
            assertThat(accounts.findById(spoof.id())).isEmpty();
        }
    }

    @Test
    void findBySkeletonWhenLookalikesExistThenEveryOneOfThem() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Account account = account().username("taro-" + suffix).build();
        Account other = account().username("jiro-" + suffix).build();
        accounts.create(account);
        accounts.create(other);

        assertThat(accounts.findBySkeleton(Username.skeleton("t\u0430ro-" + suffix))).containsExactly(account);
        assertThat(accounts.findBySkeleton(Username.skeleton("hanako-" + suffix))).isEmpty();
    }

    @Test
    void createWhenIdTakenThenConflict() {
        Account first = account().build();
        Account second = account().id(first.id()).build();
        accounts.create(first);

        assertThatThrownBy(() -> accounts.create(second)).isInstanceOf(Conflict.class);

        assertThat(accounts.findById(first.id())).contains(first);
        assertThat(accounts.findByUsername(second.username())).isEmpty();
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        accounts.create(account().build());

        assertThat(accounts.findById(account().build().id())).isEmpty();
    }

    @Test
    void findByUsernameWhenUnknownThenEmpty() {
        accounts.create(account().build());

        assertThat(accounts.findByUsername("nobody-" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void findByUsernameWhenCaseDiffersThenEmpty() {
        // The repository matches the canonical form exactly; canonicalising is Username's job.
        Account account = account().build();
        accounts.create(account);

        assertThat(accounts.findByUsername(account.username().toUpperCase(Locale.ROOT))).isEmpty();
    }

    @Test
    void updatePasswordHashWhenAccountExistsThenOnlyItsHashChanges() {
        Account account = account().build();
        Account other = account().build();
        accounts.create(account);
        accounts.create(other);

        accounts.updatePasswordHash(account.id(), NEW_HASH);

        assertThat(accounts.findById(account.id())).contains(account.withPasswordHash(NEW_HASH));
        assertThat(accounts.findById(other.id())).contains(other);
    }

    @Test
    void updatePasswordHashWhenAccountUnknownThenNothingIsStored() {
        Account unknown = account().build();

        accounts.updatePasswordHash(unknown.id(), NEW_HASH);

        assertThat(accounts.findById(unknown.id())).isEmpty();
    }

    @Test
    void disableWhenEnabledThenOnceAndFindSaysDisabledAndEnableOnce() {
        Account account = account().build();
        Account other = account().build();
        accounts.create(account);
        accounts.create(other);
        Instant at = Instant.parse("2026-12-07T06:00:00.123456Z");

        assertThat(accounts.disable(account.id(), at)).isTrue();
        assertThat(accounts.disable(account.id(), at.plusSeconds(60))).isFalse();

        assertThat(accounts.findById(account.id())).contains(account.withDisabledAt(at));
        assertThat(accounts.findByUsername(account.username()).orElseThrow().isDisabled()).isTrue();
        assertThat(accounts.findById(other.id()).orElseThrow().isDisabled()).isFalse();
        assertThat(accounts.enable(account.id())).isTrue();
        assertThat(accounts.enable(account.id())).isFalse();
        assertThat(accounts.findById(account.id())).contains(account);
    }

    @Test
    void disableWhenAccountUnknownThenFalse() {
        Account unknown = account().build();

        assertThat(accounts.disable(unknown.id(), Instant.parse("2026-12-07T06:00:00Z"))).isFalse();
        assertThat(accounts.enable(unknown.id())).isFalse();
    }

    @Test
    void listWhenPagedThenEveryAccountOnceInIdOrder() {
        for (int i = 0; i < 5; i++) {
            accounts.create(account().build());
        }

        java.util.List<Account> first = accounts.list(java.util.Optional.empty(), 3);
        java.util.List<Account> rest = accounts.list(java.util.Optional.of(first.getLast().id()), 3);

        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2).doesNotContainAnyElementsOf(first);
    }
}
