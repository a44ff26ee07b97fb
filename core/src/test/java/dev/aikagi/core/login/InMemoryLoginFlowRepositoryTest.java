package dev.aikagi.core.login;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryLoginFlowRepositoryTest extends LoginFlowRepositoryContract {

    @Override
    protected LoginFlowRepository createRepository() {
        return new InMemoryLoginFlowRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
