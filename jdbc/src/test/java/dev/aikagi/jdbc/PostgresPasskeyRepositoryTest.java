package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.factor.passkey.PasskeyChallengeRepository;
import dev.aikagi.core.factor.passkey.PasskeyRepository;
import dev.aikagi.core.factor.passkey.PasskeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcPasskeyRepository} and {@link JdbcPasskeyChallengeRepository} against their contract, on embedded PostgreSQL. */
class PostgresPasskeyRepositoryTest extends PasskeyRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.postgres();

    @Override
    protected PasskeyRepository createRepository() {
        DATABASE.clean();
        return new JdbcPasskeyRepository(DATABASE.dataSource());
    }

    @Override
    protected PasskeyChallengeRepository createChallenges() {
        return new JdbcPasskeyChallengeRepository(DATABASE.dataSource());
    }

    @Override
    protected AccountRepository accountRepository() {
        return new JdbcAccountRepository(DATABASE.dataSource());
    }
}
