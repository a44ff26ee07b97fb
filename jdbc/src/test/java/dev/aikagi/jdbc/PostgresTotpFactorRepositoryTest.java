package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.factor.totp.TotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpFactorRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcTotpFactorRepository} against the TotpFactorRepository contract, on embedded PostgreSQL. */
class PostgresTotpFactorRepositoryTest extends TotpFactorRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected TotpFactorRepository createRepository() {
        DATABASE.clean();
        return new JdbcTotpFactorRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
