package dev.aikagi.core.admin;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryTwoStepResetRepositoryTest extends TwoStepResetRepositoryContract {

    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();

    @Override
    protected TwoStepResetRepository createRepository() {
        return new InMemoryTwoStepResetRepository();
    }

    @Override
    protected AccountRepository accounts() {
        return accounts;
    }
}
