package dev.aikagi.core.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AccountErasureRepository} in memory, for tests: removes the account and its pending deletion, and
 * remembers what it erased. The real erasure of every table is tested on H2 and PostgreSQL in the jdbc module.
 */
public final class InMemoryAccountErasureRepository implements AccountErasureRepository {

    private final InMemoryAccountRepository accounts;
    private final InMemoryAccountDeletionRepository deletions;
    private final List<AccountId> erased = new ArrayList<>();

    public InMemoryAccountErasureRepository(InMemoryAccountRepository accounts,
                                            InMemoryAccountDeletionRepository deletions) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.deletions = Objects.requireNonNull(deletions, "deletions");
    }

    @Override
    public synchronized boolean erase(AccountId accountId) {
        deletions.forget(accountId);
        boolean removed = accounts.remove(accountId);
        if (removed) {
            erased.add(accountId);
        }
        return removed;
    }

    public synchronized List<AccountId> erased() {
        return List.copyOf(erased);
    }
}
