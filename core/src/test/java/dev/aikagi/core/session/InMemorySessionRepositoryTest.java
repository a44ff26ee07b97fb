package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemorySessionRepositoryTest extends SessionRepositoryContract {

    @Override
    protected SessionRepository createRepository() {
        return new InMemorySessionRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
