package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.support.EvidenceRepository;
import dev.aikagi.core.support.SupportRepository;
import dev.aikagi.core.support.SupportRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcSupportRepository} and {@link JdbcEvidenceRepository} against their contract, on H2 in PostgreSQL mode. */
class H2SupportRepositoryTest extends SupportRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected SupportRepository createRepository() {
        DATABASE.clean();
        return new JdbcSupportRepository(DATABASE.dataSource());
    }

    @Override
    protected EvidenceRepository evidenceRepository() {
        return new JdbcEvidenceRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
