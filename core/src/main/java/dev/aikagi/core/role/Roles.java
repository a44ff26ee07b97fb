package dev.aikagi.core.role;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Granting and taking back roles (issue 14, point 6). Only an account that exists can be given a role, by
 * its id; each change is audited. Who may do what is then {@link #holds}, read from the database on every
 * request, never a username compared with a list (OWASP ASVS 5 8.2.1: access decided on the server from
 * stored permissions).
 */
public final class Roles {

    /** What a grant or a revocation by command did. */
    public sealed interface Change permits Changed, Unchanged, NoSuchAccount {
    }

    /** The account now holds (grant) or no longer holds (revoke) the role. */
    public record Changed(AccountId account) implements Change {
    }

    /** Nothing to do: the account already held (grant) or did not hold (revoke) the role. */
    public record Unchanged(AccountId account) implements Change {
    }

    /** No account has this username: nothing was changed. */
    public record NoSuchAccount() implements Change {
    }

    /**
     * What applying a configuration list did.
     *
     * @param granted names that now hold the role
     * @param revoked names of accounts that held it through the list and left the list
     * @param missing listed names that had no account when first listed, and so hold nothing
     * @param withoutAccount those of {@code missing} that still have no account (production refuses to start)
     */
    public record Applied(List<String> granted, List<String> revoked, List<String> missing, List<String> withoutAccount) {
        public Applied {
            granted = List.copyOf(granted);
            revoked = List.copyOf(revoked);
            missing = List.copyOf(missing);
            withoutAccount = List.copyOf(withoutAccount);
        }
    }

    private final AccountRepository accounts;
    private final RoleRepository roles;
    private final RoleListings listings;
    private final Auditor audit;
    private final Clock clock;

    public Roles(AccountRepository accounts, RoleRepository roles, RoleListings listings, Auditor audit, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.listings = Objects.requireNonNull(listings, "listings");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the account holds the role now. */
    public boolean holds(AccountId account, Role role) {
        return roles.holds(Objects.requireNonNull(account, "account"), Objects.requireNonNull(role, "role"));
    }

    /** Grants {@code role} to the existing account named {@code username} (the grant-role command). */
    public Change grant(String username, Role role) {
        Objects.requireNonNull(role, "role");
        Optional<Account> account = find(username);
        if (account.isEmpty()) {
            return new NoSuchAccount();
        }
        AccountId id = account.get().id();
        if (!roles.grant(id, role, RoleRepository.Source.COMMAND, clock.instant())) {
            return new Unchanged(id);
        }
        audit.record(AuditType.ROLE_GRANTED, id, null, Map.of("role", role.value(), "by", "command"));
        return new Changed(id);
    }

    /** Takes {@code role} back from the account named {@code username} (the revoke-role command). */
    public Change revoke(String username, Role role) {
        Objects.requireNonNull(role, "role");
        Optional<Account> account = find(username);
        if (account.isEmpty()) {
            return new NoSuchAccount();
        }
        AccountId id = account.get().id();
        if (!roles.revoke(id, role)) {
            return new Unchanged(id);
        }
        audit.record(AuditType.ROLE_REVOKED, id, null, Map.of("role", role.value(), "by", "command"));
        return new Changed(id);
    }

    /**
     * Applies a configuration list at start-up: each name is bound, the first time it is listed, to the
     * account that has it then, and that account gets the role; a name nobody had then grants nothing, ever
     * (whoever registers it later is not the person the operator meant). Accounts that got the role through
     * the list and left it lose it. Safe to run on every node at once: every write is idempotent.
     */
    public Applied applyConfigured(Role role, List<String> usernames) {
        Objects.requireNonNull(role, "role");
        Instant now = clock.instant();
        Set<String> names = new LinkedHashSet<>();
        for (String typed : usernames) {
            names.add(Username.canonical(typed).orElse(typed.strip().toLowerCase(Locale.ROOT)));
        }
        List<String> granted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> withoutAccount = new ArrayList<>();
        Set<AccountId> bound = new LinkedHashSet<>();
        for (String name : names) {
            Optional<AccountId> current = accounts.findByUsername(name).map(Account::id);
            RoleListings.Listing listing = listings.bind(role, name, current, now);
            if (listing.account().isPresent() && listing.account().equals(current)) {
                bound.add(current.get());
                if (roles.grant(current.get(), role, RoleRepository.Source.CONFIGURATION, now)) {
                    audit.record(AuditType.ROLE_GRANTED, current.get(), null,
                            Map.of("role", role.value(), "by", "configuration"));
                    granted.add(name);
                }
            } else {
                missing.add(name);
                if (current.isEmpty()) {
                    withoutAccount.add(name);
                }
            }
        }
        List<String> revoked = new ArrayList<>();
        for (AccountId holder : roles.grantedByConfiguration(role)) {
            if (!bound.contains(holder) && roles.revoke(holder, role)) {
                audit.record(AuditType.ROLE_REVOKED, holder, null, Map.of("role", role.value(), "by", "configuration"));
                revoked.add(accounts.findById(holder).map(Account::username).orElse(holder.toString()));
            }
        }
        for (RoleListings.Listing listing : listings.listings(role)) {
            if (!names.contains(listing.username())) {
                listings.forget(role, listing.username());
            }
        }
        return new Applied(granted, revoked, missing, withoutAccount);
    }

    private Optional<Account> find(String username) {
        return Username.canonical(username == null ? "" : username).flatMap(accounts::findByUsername);
    }
}
