package dev.aikagi.core.contact;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryContactChannelRepositoryTest extends ContactChannelRepositoryContract {

    @Override
    protected ContactChannelRepository createRepository() {
        return new InMemoryContactChannelRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
