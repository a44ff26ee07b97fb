package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.role.RoleListings;
import dev.aikagi.core.role.RoleRepository;
import dev.aikagi.core.role.RoleRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcRoleRepository} against the role contract, on H2 in PostgreSQL mode. */
class H2RoleRepositoryTest extends RoleRepositoryContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected AccountRepository createAccounts() {
        DATABASE.clean();
        return new JdbcAccountRepository(DATABASE.dataSource());
    }

    @Override
    protected RoleRepository createRoles() {
        return new JdbcRoleRepository(DATABASE.dataSource());
    }

    @Override
    protected RoleListings createListings() {
        return new JdbcRoleRepository(DATABASE.dataSource());
    }
}
