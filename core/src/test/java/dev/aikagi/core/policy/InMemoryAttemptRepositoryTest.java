package dev.aikagi.core.policy;

class InMemoryAttemptRepositoryTest extends AttemptRepositoryContract {

    @Override
    protected AttemptRepository createRepository() {
        return new InMemoryAttemptRepository();
    }
}
