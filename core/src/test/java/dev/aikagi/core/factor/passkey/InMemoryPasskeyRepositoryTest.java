package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

/** The in-memory passkeys against their contract. */
class InMemoryPasskeyRepositoryTest extends PasskeyRepositoryContract {

    @Override
    protected PasskeyRepository createRepository() {
        return new InMemoryPasskeyRepository();
    }

    @Override
    protected PasskeyChallengeRepository createChallenges() {
        return new InMemoryPasskeyChallengeRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
