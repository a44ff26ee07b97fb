package dev.aikagi.core.trust;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryTrustedDeviceRepositoryTest extends TrustedDeviceRepositoryContract {

    @Override
    protected TrustedDeviceRepository createRepository() {
        return new InMemoryTrustedDeviceRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
