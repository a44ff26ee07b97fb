package dev.aikagi.core.factor.totp;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryTotpFactorRepositoryTest extends TotpFactorRepositoryContract {

    @Override
    protected TotpFactorRepository createRepository() {
        return new InMemoryTotpFactorRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
