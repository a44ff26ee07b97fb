package dev.aikagi.core.admin;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InvitationRepository} must do: a link works once, until it expires, until replaced. */
public abstract class InvitationRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration LIFETIME = Duration.ofDays(7);

    private InvitationRepository invitations;
    private AccountRepository accounts;

    protected abstract InvitationRepository createRepository();

    /** Where the invited accounts are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        invitations = createRepository();
        accounts = accountRepository();
    }

    @Test
    void findUsableWhenFreshThenTheAccountAndNothingChanges() {
        AccountId owner = newAccount();
        invitations.create(hash('a'), owner, T0, T0.plus(LIFETIME));

        assertThat(invitations.findUsable(hash('a'), T0.plusSeconds(1))).contains(owner);
        assertThat(invitations.findUsable(hash('a'), T0.plusSeconds(2))).contains(owner);
        assertThat(invitations.use(hash('a'), T0.plusSeconds(3))).isTrue();
    }

    @Test
    void useWhenUsedThenRefusedAndNoLongerFound() {
        AccountId owner = newAccount();
        invitations.create(hash('a'), owner, T0, T0.plus(LIFETIME));

        assertThat(invitations.use(hash('a'), T0.plusSeconds(1))).isTrue();
        assertThat(invitations.use(hash('a'), T0.plusSeconds(2))).isFalse();
        assertThat(invitations.findUsable(hash('a'), T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void useWhenExpiredThenRefused() {
        AccountId owner = newAccount();
        invitations.create(hash('a'), owner, T0, T0.plus(LIFETIME));

        assertThat(invitations.findUsable(hash('a'), T0.plus(LIFETIME))).isEmpty();
        assertThat(invitations.use(hash('a'), T0.plus(LIFETIME))).isFalse();
    }

    @Test
    void useWhenUnknownThenRefused() {
        assertThat(invitations.use(hash('z'), T0)).isFalse();
        assertThat(invitations.findUsable(hash('z'), T0)).isEmpty();
    }

    @Test
    void revokeAllWhenReplacedThenOldLinksStopAndUsedOnesStay() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        invitations.create(hash('a'), owner, T0, T0.plus(LIFETIME));
        invitations.create(hash('b'), owner, T0, T0.plus(LIFETIME));
        invitations.create(hash('c'), other, T0, T0.plus(LIFETIME));
        invitations.use(hash('b'), T0.plusSeconds(1));

        assertThat(invitations.revokeAll(owner)).isEqualTo(1);
        assertThat(invitations.use(hash('a'), T0.plusSeconds(2))).isFalse();
        assertThat(invitations.findUsable(hash('c'), T0.plusSeconds(2))).contains(other);
    }

    @Test
    void createWhenHashTakenThenConflict() {
        AccountId owner = newAccount();
        invitations.create(hash('a'), owner, T0, T0.plus(LIFETIME));

        assertThatThrownBy(() -> invitations.create(hash('a'), owner, T0, T0.plus(LIFETIME)))
                .isInstanceOf(Conflict.class);
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }
}
