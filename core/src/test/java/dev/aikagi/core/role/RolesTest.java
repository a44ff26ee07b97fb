package dev.aikagi.core.role;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.TestSecrets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14, point 6: roles by account id, granted to existing accounts only, audited. */
class RolesTest {

    private final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final InMemoryRoleRepository store = new InMemoryRoleRepository();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final Roles roles = new Roles(accounts, store, store,
            new Auditor(auditLog, TestSecrets.generator(7), clock), clock);

    @Test
    void grantWhenNoAccountHasTheNameThenNothingChanges() {
        assertThat(roles.grant("nobody", Role.SUPPORT_AGENT)).isEqualTo(new Roles.NoSuchAccount());
        assertThat(auditLog.all()).isEmpty();
    }

    @Test
    void grantWhenAccountExistsThenItHoldsTheRoleAndTheGrantIsAudited() {
        Account hanako = account().username("hanako").build();
        accounts.create(hanako);

        assertThat(roles.grant("Hanako", Role.ADMIN)).isEqualTo(new Roles.Changed(hanako.id()));
        assertThat(roles.grant("hanako", Role.ADMIN)).isEqualTo(new Roles.Unchanged(hanako.id()));

        assertThat(roles.holds(hanako.id(), Role.ADMIN)).isTrue();
        assertThat(roles.holds(hanako.id(), Role.SUPPORT_AGENT)).isFalse();
        assertThat(auditLog.all()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditType.ROLE_GRANTED);
            assertThat(e.accountId()).isEqualTo(hanako.id());
            assertThat(e.details()).isEqualTo(Map.of("role", "admin", "by", "command"));
        });
    }

    @Test
    void revokeWhenHeldThenNotHeldAndAudited() {
        Account hanako = account().username("hanako").build();
        accounts.create(hanako);
        roles.grant("hanako", Role.SUPPORT_AGENT);

        assertThat(roles.revoke("hanako", Role.SUPPORT_AGENT)).isEqualTo(new Roles.Changed(hanako.id()));
        assertThat(roles.revoke("hanako", Role.SUPPORT_AGENT)).isEqualTo(new Roles.Unchanged(hanako.id()));

        assertThat(roles.holds(hanako.id(), Role.SUPPORT_AGENT)).isFalse();
        assertThat(auditLog.all()).extracting(AuditEvent::type).containsExactly(AuditType.ROLE_GRANTED, AuditType.ROLE_REVOKED);
    }

    @Test
    void applyConfiguredWhenNameListedBeforeItWasRegisteredThenItsLaterOwnerNeverGetsTheRole() {
        Account existing = account().username("agent-one").build();
        accounts.create(existing);

        Roles.Applied first = roles.applyConfigured(Role.SUPPORT_AGENT, List.of("Agent-One", "agent-two"));
        Account squatter = account().username("agent-two").build();
        accounts.create(squatter);
        Roles.Applied restart = roles.applyConfigured(Role.SUPPORT_AGENT, List.of("agent-one", "agent-two"));

        assertThat(first.granted()).containsExactly("agent-one");
        assertThat(first.withoutAccount()).containsExactly("agent-two");
        assertThat(restart.granted()).isEmpty();
        assertThat(restart.missing()).containsExactly("agent-two");
        assertThat(restart.withoutAccount()).as("registered since: not a reason to refuse to start").isEmpty();
        assertThat(roles.holds(existing.id(), Role.SUPPORT_AGENT)).isTrue();
        assertThat(roles.holds(squatter.id(), Role.SUPPORT_AGENT)).isFalse();
    }

    @Test
    void applyConfiguredWhenNameLeavesTheListThenTheRoleItGaveIsTakenBackButNotACommandsGrant() {
        Account listed = account().username("listed").build();
        Account commanded = account().username("commanded").build();
        accounts.create(listed);
        accounts.create(commanded);
        roles.applyConfigured(Role.ADMIN, List.of("listed", "commanded"));
        roles.grant("commanded", Role.ADMIN);

        Roles.Applied applied = roles.applyConfigured(Role.ADMIN, List.of());

        assertThat(applied.revoked()).containsExactly("listed");
        assertThat(roles.holds(listed.id(), Role.ADMIN)).isFalse();
        assertThat(roles.holds(commanded.id(), Role.ADMIN)).isTrue();
        assertThat(auditLog.all()).filteredOn(e -> e.type() == AuditType.ROLE_REVOKED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("by", "configuration"));
    }

    @Test
    void parseWhenCommandValueThenRole() {
        assertThat(Role.parse("support-agent")).contains(Role.SUPPORT_AGENT);
        assertThat(Role.parse(" Admin ")).contains(Role.ADMIN);
        assertThat(Role.parse("root")).isEmpty();
    }
}
