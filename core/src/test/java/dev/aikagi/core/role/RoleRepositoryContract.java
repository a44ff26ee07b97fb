package dev.aikagi.core.role;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.role.RoleRepository.Source;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RoleRepository} and {@link RoleListings} must do. Subclasses supply the store. */
public abstract class RoleRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    private RoleRepository roles;
    private RoleListings listings;
    private AccountRepository accounts;

    /** Empty stores; the role store and the listings may be one object. */
    protected abstract RoleRepository createRoles();

    protected abstract RoleListings createListings();

    protected abstract AccountRepository createAccounts();

    @BeforeEach
    void setUpStores() {
        accounts = createAccounts();
        roles = createRoles();
        listings = createListings();
    }

    @Test
    void grantWhenNotHeldThenHeldOnceForThatRoleOnly() {
        Account account = stored();

        assertThat(roles.grant(account.id(), Role.SUPPORT_AGENT, Source.COMMAND, NOW)).isTrue();
        assertThat(roles.grant(account.id(), Role.SUPPORT_AGENT, Source.COMMAND, NOW)).isFalse();

        assertThat(roles.holds(account.id(), Role.SUPPORT_AGENT)).isTrue();
        assertThat(roles.holds(account.id(), Role.ADMIN)).isFalse();
        assertThat(roles.holds(stored().id(), Role.SUPPORT_AGENT)).isFalse();
    }

    @Test
    void revokeWhenHeldThenGoneAndSecondRevokeChangesNothing() {
        Account account = stored();
        roles.grant(account.id(), Role.ADMIN, Source.COMMAND, NOW);

        assertThat(roles.revoke(account.id(), Role.ADMIN)).isTrue();
        assertThat(roles.revoke(account.id(), Role.ADMIN)).isFalse();
        assertThat(roles.holds(account.id(), Role.ADMIN)).isFalse();
    }

    @Test
    void grantedByConfigurationWhenCommandGrantsTheSameRoleThenItIsTheCommandsNow() {
        Account listed = stored();
        Account taken = stored();
        roles.grant(listed.id(), Role.ADMIN, Source.CONFIGURATION, NOW);
        roles.grant(taken.id(), Role.ADMIN, Source.CONFIGURATION, NOW);

        roles.grant(taken.id(), Role.ADMIN, Source.COMMAND, NOW);

        assertThat(roles.grantedByConfiguration(Role.ADMIN)).containsExactly(listed.id());
        assertThat(roles.grantedByConfiguration(Role.SUPPORT_AGENT)).isEmpty();
    }

    @Test
    void bindWhenNameListedAgainThenTheFirstBindingStands() {
        Account later = stored();

        RoleListings.Listing first = listings.bind(Role.SUPPORT_AGENT, "not-yet", Optional.empty(), NOW);
        RoleListings.Listing again = listings.bind(Role.SUPPORT_AGENT, "not-yet", Optional.of(later.id()), NOW);

        assertThat(first.account()).isEmpty();
        assertThat(again).isEqualTo(first);
        assertThat(listings.bind(Role.ADMIN, "not-yet", Optional.of(later.id()), NOW).account()).contains(later.id());
        assertThat(listings.listings(Role.SUPPORT_AGENT)).containsExactly(first);
    }

    @Test
    void forgetWhenNameLeftTheListThenBoundAfreshNextTime() {
        Account account = stored();
        listings.bind(Role.ADMIN, "someone", Optional.empty(), NOW);

        listings.forget(Role.ADMIN, "someone");

        assertThat(listings.listings(Role.ADMIN)).isEmpty();
        assertThat(listings.bind(Role.ADMIN, "someone", Optional.of(account.id()), NOW).account()).contains(account.id());
    }

    private Account stored() {
        Account account = account().build();
        accounts.create(account);
        return account;
    }
}
