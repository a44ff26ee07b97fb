package dev.aikagi.core.account;

class InMemoryAccountRepositoryTest extends AccountRepositoryContract {

    @Override
    protected AccountRepository createRepository() {
        return new InMemoryAccountRepository();
    }
}
