package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountId;
import java.util.Set;

/**
 * The Account Center: accounts one person linked together by logging in to each. Links are symmetric
 * and transitive (a group); every account is in a group of its own until linked.
 */
public interface AccountLinkRepository {

    /** Puts {@code a} and {@code b}, with everything already linked to either, in one group. */
    void link(AccountId a, AccountId b);

    /** Every account in the group of {@code account}, itself included. */
    Set<AccountId> group(AccountId account);

    /** Takes {@code account} out of its group. */
    void unlink(AccountId account);
}
