package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryKnownDeviceRepositoryTest extends KnownDeviceRepositoryContract {

    @Override
    protected KnownDeviceRepository createRepository() {
        return new InMemoryKnownDeviceRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
