package dev.aikagi.core.role;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryRoleRepositoryTest extends RoleRepositoryContract {

    private final InMemoryRoleRepository store = new InMemoryRoleRepository();

    @Override
    protected RoleRepository createRoles() {
        return store;
    }

    @Override
    protected RoleListings createListings() {
        return store;
    }

    @Override
    protected AccountRepository createAccounts() {
        return new InMemoryAccountRepository();
    }
}
