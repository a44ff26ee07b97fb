package dev.aikagi.core.recovery;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryRecoveryRepositoryTest extends RecoveryRepositoryContract {

    @Override
    protected RecoveryRepository createRepository() {
        return new InMemoryRecoveryRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
