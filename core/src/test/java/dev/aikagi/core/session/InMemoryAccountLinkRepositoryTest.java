package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryAccountLinkRepositoryTest extends AccountLinkRepositoryContract {

    @Override
    protected AccountLinkRepository createRepository() {
        return new InMemoryAccountLinkRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
