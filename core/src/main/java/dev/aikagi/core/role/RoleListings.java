package dev.aikagi.core.role;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The names configuration lists ({@code aikagi.support.agents}, {@code aikagi.oidc.admins}) have named, each
 * bound to the account that had the name the first time it was listed, or to none. The binding never changes
 * afterwards: a name listed before anyone had it grants nothing to whoever registers it later.
 */
public interface RoleListings {

    /** One listed name and the account it was bound to when first listed (empty: none). */
    record Listing(Role role, String username, Optional<AccountId> account) {
    }

    /** The listing of {@code username}; made now, bound to {@code account}, when the name is new to the list. */
    Listing bind(Role role, String username, Optional<AccountId> account, Instant at);

    List<Listing> listings(Role role);

    /** Forgets a name that left the list; listed again later, it is bound afresh. */
    void forget(Role role, String username);
}
