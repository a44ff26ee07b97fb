package dev.aikagi.core.support;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemorySupportRepositoryTest extends SupportRepositoryContract {

    private InMemorySupportRepository cases;

    @Override
    protected SupportRepository createRepository() {
        cases = new InMemorySupportRepository();
        return cases;
    }

    @Override
    protected EvidenceRepository evidenceRepository() {
        return new InMemoryEvidenceRepository(cases);
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
