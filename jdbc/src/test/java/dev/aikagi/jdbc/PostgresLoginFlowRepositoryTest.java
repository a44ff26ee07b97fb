package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.login.LoginFlowRepository;
import dev.aikagi.core.login.LoginFlowRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcLoginFlowRepository} against the LoginFlowRepository contract, on embedded PostgreSQL. */
class PostgresLoginFlowRepositoryTest extends LoginFlowRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected LoginFlowRepository createRepository() {
        DATABASE.clean();
        return new JdbcLoginFlowRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
