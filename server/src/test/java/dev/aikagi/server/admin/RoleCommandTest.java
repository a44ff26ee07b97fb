package dev.aikagi.server.admin;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.role.InMemoryRoleRepository;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.DefaultApplicationArguments;

/** The grant-role and revoke-role commands' arguments and exit codes (issue 14, point 6). */
class RoleCommandTest {

    private final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
    private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
    private final InMemoryRoleRepository store = new InMemoryRoleRepository();
    private final Roles roles = new Roles(accounts, store, store,
            new Auditor(new InMemoryAuditLog(), TestSecrets.generator(4), clock), clock);
    private final Account hanako = account().username("hanako").build();

    RoleCommandTest() {
        accounts.create(hanako);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--role=root", "--role=", "--username=", "--username=a --username=b", "--role=admin"})
    void runWhenArgumentsWrongThenExitCodeTwoAndNothingChanges(String wrong) {
        String[] args = (wrong.contains("--username") ? wrong + " --role=admin" : "--username=hanako " + wrong)
                .strip().split(" ");
        if (wrong.equals("--role=admin")) {
            args = new String[] {"--role=admin"};
        }
        RoleCommand command = new RoleCommand(RoleCommand.GRANT, roles);

        command.run(new DefaultApplicationArguments(args));

        assertThat(command.getExitCode()).isEqualTo(2);
        assertThat(command.line()).startsWith("grant-role: needs --username=");
        assertThat(roles.holds(hanako.id(), Role.ADMIN)).isFalse();
    }

    @Test
    void runWhenGrantedTwiceThenSecondSaysAlreadyHeld() {
        RoleCommand first = new RoleCommand(RoleCommand.GRANT, roles);
        RoleCommand second = new RoleCommand(RoleCommand.GRANT, roles);

        first.run(new DefaultApplicationArguments("--username=Hanako", "--role=support-agent"));
        second.run(new DefaultApplicationArguments("--username=hanako", "--role=support-agent"));

        assertThat(first.line()).isEqualTo("grant-role: 'Hanako' now holds the support-agent role");
        assertThat(second.line()).isEqualTo("grant-role: 'hanako' already holds the support-agent role; nothing changed");
        assertThat(second.getExitCode()).isZero();
        assertThat(roles.holds(hanako.id(), Role.SUPPORT_AGENT)).isTrue();
    }
}
