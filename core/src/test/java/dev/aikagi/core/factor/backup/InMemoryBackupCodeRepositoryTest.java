package dev.aikagi.core.factor.backup;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryBackupCodeRepositoryTest extends BackupCodeRepositoryContract {

    @Override
    protected BackupCodeRepository createRepository() {
        return new InMemoryBackupCodeRepository();
    }

    @Override
    protected AccountRepository accountRepository() {
        return new InMemoryAccountRepository();
    }
}
