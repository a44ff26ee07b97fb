package dev.aikagi.core.settings;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryCheckupNudgeRepositoryTest extends CheckupNudgeRepositoryContract {

    @Override
    protected CheckupNudgeRepository createRepository() {
        return new InMemoryCheckupNudgeRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
