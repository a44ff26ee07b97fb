package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryAlertTokenRepositoryTest extends AlertTokenRepositoryContract {

    @Override
    protected AlertTokenRepository createRepository() {
        return new InMemoryAlertTokenRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
