package dev.aikagi.core.role;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;

/** Who holds which role, by account id. */
public interface RoleRepository {

    /** How a role came to be held: the command, or a configuration list applied at start-up. */
    enum Source { COMMAND, CONFIGURATION }

    /**
     * Grants {@code role}; true when the account did not hold it. Granting by command a role the configuration
     * granted makes it the command's (it then stays when the name leaves the list).
     */
    boolean grant(AccountId account, Role role, Source source, Instant at);

    /** Takes {@code role} back; true when the account held it. */
    boolean revoke(AccountId account, Role role);

    boolean holds(AccountId account, Role role);

    /** The accounts holding {@code role} because a configuration list named them. */
    List<AccountId> grantedByConfiguration(Role role);
}
