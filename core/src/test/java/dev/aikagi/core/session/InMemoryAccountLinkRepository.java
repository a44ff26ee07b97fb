package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@link AccountLinkRepository} in memory, for tests. Thread-safe. */
public final class InMemoryAccountLinkRepository implements AccountLinkRepository {

    /** Each linked account to its whole group (itself included); accounts in no group are absent. */
    private final Map<AccountId, Set<AccountId>> groups = new HashMap<>();

    @Override
    public synchronized void link(AccountId a, AccountId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.equals(b)) {
            return;
        }
        Set<AccountId> merged = new HashSet<>(group(a));
        merged.addAll(group(b));
        Set<AccountId> group = Set.copyOf(merged);
        group.forEach(member -> groups.put(member, group));
    }

    @Override
    public synchronized Set<AccountId> group(AccountId account) {
        Objects.requireNonNull(account, "account");
        return groups.getOrDefault(account, Set.of(account));
    }

    @Override
    public synchronized void unlink(AccountId account) {
        Objects.requireNonNull(account, "account");
        Set<AccountId> old = groups.remove(account);
        if (old == null) {
            return;
        }
        Set<AccountId> rest = new HashSet<>(old);
        rest.remove(account);
        if (rest.size() == 1) {
            // A group of one is no group.
            groups.keySet().removeAll(rest);
            return;
        }
        Set<AccountId> group = Set.copyOf(rest);
        group.forEach(member -> groups.put(member, group));
    }
}
