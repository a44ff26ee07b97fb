package dev.aikagi.server.support;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.role.InMemoryRoleRepository;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who the support console admits: holders of the agent role in a two-step (AAL2) session that is not a recovery session. */
class SupportAgentsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final Account agent = account().username("desk.tanaka").build();
    private final Account user = account().username("hanako").build();
    private final InMemoryRoleRepository roleStore = new InMemoryRoleRepository();
    private final Roles roles = new Roles(accounts, roleStore, roleStore,
            new Auditor(new InMemoryAuditLog(), TestSecrets.generator(1), MutableClock.at("2026-11-25T09:00:00Z")),
            MutableClock.at("2026-11-25T09:00:00Z"));
    private final SupportAgents agents = new SupportAgents(roles);

    SupportAgentsTest() {
        accounts.create(agent);
        accounts.create(user);
        roles.grant(" Desk.Tanaka ", Role.SUPPORT_AGENT);
        roles.grant("hanako", Role.ADMIN);
    }

    private static Session session(Account account, AssuranceLevel level, String... amr) {
        return new Session(UUID.randomUUID(), "hash", account.id(), List.of(amr), level, NOW, NOW, null,
                Session.Kind.BROWSER);
    }

    @Test
    void agentWhenListedAndTwoStepThenAdmitted() {
        assertThat(agents.agent(Optional.of(session(agent, AssuranceLevel.AAL2, "pwd", "otp")))).contains(agent.id());
    }

    @Test
    void agentWhenPasswordOnlyRecoverySessionNotListedOrSignedOutThenRefused() {
        assertThat(agents.agent(Optional.of(session(agent, AssuranceLevel.AAL1, "pwd")))).isEmpty();
        assertThat(agents.agent(Optional.of(session(agent, AssuranceLevel.AAL2, Session.RECOVERY_AMR)))).isEmpty();
        assertThat(agents.agent(Optional.of(session(user, AssuranceLevel.AAL2, "pwd", "otp")))).isEmpty();
        assertThat(agents.agent(Optional.empty())).isEmpty();
    }

    @Test
    void agentWhenRoleRevokedThenRefusedAtOnce() {
        roles.revoke("desk.tanaka", Role.SUPPORT_AGENT);

        assertThat(agents.agent(Optional.of(session(agent, AssuranceLevel.AAL2, "pwd", "otp")))).isEmpty();
    }

    @Test
    void constructorWhenRolesMissingThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> new SupportAgents(null)).withMessage("roles");
    }

    @Test
    void propertiesWhenOutOfRangeThenPolicyRefusesWithTheReason() {
        assertThat(new SupportProperties(null, true, 1, 0, Duration.ZERO).agents()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(
                () -> new SupportProperties(List.of(), false, 0, 5, Duration.ofDays(1)).policy())
                .withMessageContaining("upload limit");
        assertThatIllegalArgumentException().isThrownBy(
                () -> new SupportProperties(List.of(), false, 1000, 21, Duration.ofDays(1)).policy())
                .withMessageContaining("files per request");
    }
}
