package dev.aikagi.server.support;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.flow.AssuranceLevel;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who the support console admits: listed agents in a two-step (AAL2) session that is not a recovery session. */
class SupportAgentsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final Account agent = account().username("desk.tanaka").build();
    private final Account user = account().username("hanako").build();
    private final SupportAgents agents = new SupportAgents(
            new SupportProperties(List.of(" Desk.Tanaka ", ""), false, 1000, 5, Duration.ofDays(30)), accounts);

    SupportAgentsTest() {
        accounts.create(agent);
        accounts.create(user);
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
