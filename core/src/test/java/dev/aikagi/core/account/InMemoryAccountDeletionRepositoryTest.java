package dev.aikagi.core.account;

class InMemoryAccountDeletionRepositoryTest extends AccountDeletionRepositoryContract {

    @Override
    protected AccountDeletionRepository createRepository() {
        return new InMemoryAccountDeletionRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
