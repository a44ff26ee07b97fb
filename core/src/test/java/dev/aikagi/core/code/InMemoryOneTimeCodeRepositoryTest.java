package dev.aikagi.core.code;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryOneTimeCodeRepositoryTest extends OneTimeCodeRepositoryContract {

    @Override
    protected OneTimeCodeRepository createRepository() {
        return new InMemoryOneTimeCodeRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
