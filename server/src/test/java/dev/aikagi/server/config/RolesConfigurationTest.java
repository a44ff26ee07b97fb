package dev.aikagi.server.config;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.role.InMemoryRoleRepository;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14, point 6: the role lists at start-up, and what production mode refuses. */
class RolesConfigurationTest {

    private final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final InMemoryRoleRepository store = new InMemoryRoleRepository();
    private final Roles roles = new Roles(accounts, store, store,
            new Auditor(new InMemoryAuditLog(), TestSecrets.generator(2), clock), clock);

    @Test
    void applyWhenProductionAndListedNameHasNoAccountThenRefusesToStartNamingIt() {
        accounts.create(account().username("desk.tanaka").build());

        assertThatThrownBy(() -> RolesConfiguration.apply(roles, List.of("desk.tanaka", "desk.suzuki"),
                List.of("root-admin"), AikagiProperties.Mode.PRODUCTION))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("aikagi.support.agents: production mode refuses to list 'desk.suzuki', which no account has\n"
                        + "aikagi.oidc.admins: production mode refuses to list 'root-admin', which no account has");
    }

    @Test
    void applyWhenDevelopmentAndListedNameHasNoAccountThenStartsAndGrantsOnlyExistingAccounts() {
        Account tanaka = account().username("desk.tanaka").build();
        accounts.create(tanaka);

        RolesConfiguration.ConfiguredRoles applied = RolesConfiguration.apply(roles, List.of("Desk.Tanaka", "desk.suzuki"),
                List.of(), AikagiProperties.Mode.DEVELOPMENT);

        assertThat(applied.applied().get(0).granted()).containsExactly("desk.tanaka");
        assertThat(applied.applied().get(0).withoutAccount()).containsExactly("desk.suzuki");
        assertThat(roles.holds(tanaka.id(), Role.SUPPORT_AGENT)).isTrue();
        assertThat(roles.holds(tanaka.id(), Role.ADMIN)).isFalse();
    }

    @Test
    void applyWhenProductionAndListedNameWasSignedUpAfterItWasListedThenStartsWithoutGrantingIt() {
        // Refusing to start here would let whoever signs a listed name up keep the service down.
        RolesConfiguration.apply(roles, List.of("desk.suzuki"), List.of(), AikagiProperties.Mode.DEVELOPMENT);
        Account squatter = account().username("desk.suzuki").build();
        accounts.create(squatter);

        RolesConfiguration.apply(roles, List.of("desk.suzuki"), List.of(), AikagiProperties.Mode.PRODUCTION);

        assertThat(roles.holds(squatter.id(), Role.SUPPORT_AGENT)).isFalse();
    }
}
