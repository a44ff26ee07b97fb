package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.support.EvidenceRepository;
import dev.aikagi.core.support.SupportRepository;
import dev.aikagi.core.support.SupportRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcSupportRepository} and {@link JdbcEvidenceRepository} against their contract, on embedded PostgreSQL. */
class PostgresSupportRepositoryTest extends SupportRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

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
