package dev.aikagi.core.settings;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.InMemoryAccountRepository;

class InMemoryTimeZoneRepositoryTest extends TimeZoneRepositoryContract {

    @Override
    protected TimeZoneRepository createZones() {
        return new InMemoryTimeZoneRepository();
    }

    @Override
    protected AccountRepository createAccounts() {
        return new InMemoryAccountRepository();
    }
}
