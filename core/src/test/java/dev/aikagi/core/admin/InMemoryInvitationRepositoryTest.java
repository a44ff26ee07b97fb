package dev.aikagi.core.admin;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryInvitationRepositoryTest extends InvitationRepositoryContract {

    @Override
    protected InvitationRepository createRepository() {
        return new InMemoryInvitationRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
