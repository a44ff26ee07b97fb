package dev.aikagi.server.admin;

import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar aikagi-server.jar --aikagi.command=grant-role --username=hanako --role=support-agent} (or
 * {@code revoke-role}, or {@code --role=admin}): gives an existing account a role, or takes it back, audited,
 * and exits: 0 when the account now holds (or no longer holds) the role, 1 when no account has the name,
 * 2 when the arguments are wrong. Runs beside the nodes like {@link ReencryptCommand}; the nodes read roles
 * from the database on every request, so the change applies at once.
 */
public final class RoleCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String GRANT = "grant-role";
    static final String REVOKE = "revoke-role";
    private static final Logger log = LoggerFactory.getLogger(RoleCommand.class);

    private final String command;
    private final Roles roles;
    private volatile int exitCode = 2;
    private volatile String line = "";

    RoleCommand(String command, Roles roles) {
        this.command = Objects.requireNonNull(command, "command");
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<String> username = single(args, "username");
        Optional<Role> role = single(args, "role").flatMap(Role::parse);
        if (username.isEmpty() || role.isEmpty()) {
            exitCode = 2;
            line = command + ": needs --username=<an existing account's name> and --role=support-agent or --role=admin";
            log.error(line);
            return;
        }
        Roles.Change change = command.equals(GRANT) ? roles.grant(username.get(), role.get())
                : roles.revoke(username.get(), role.get());
        String name = username.get().strip();
        String roleName = role.get().value();
        switch (change) {
            case Roles.NoSuchAccount none -> {
                exitCode = 1;
                line = command + ": no account has the username '" + name + "'; nothing changed (roles go to"
                        + " existing accounts only: sign the account up first)";
                log.error(line);
            }
            case Roles.Changed changed -> {
                exitCode = 0;
                line = command + ": '" + name + "' " + (command.equals(GRANT) ? "now holds" : "no longer holds")
                        + " the " + roleName + " role";
                log.info(line);
            }
            case Roles.Unchanged unchanged -> {
                exitCode = 0;
                line = command + ": '" + name + "' " + (command.equals(GRANT) ? "already holds" : "does not hold")
                        + " the " + roleName + " role; nothing changed";
                log.info(line);
            }
        }
    }

    private static Optional<String> single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.size() != 1 || values.get(0).isBlank() ? Optional.empty()
                : Optional.of(values.get(0));
    }

    /** What the run did, in one line (empty before it). */
    public String line() {
        return line;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${aikagi.command:}' == 'grant-role' or '${aikagi.command:}' == 'revoke-role'")
    static class Wiring {
        @Bean
        RoleCommand roleCommand(Environment environment, Roles roles) {
            return new RoleCommand(environment.getRequiredProperty(ReencryptCommand.PROPERTY), roles);
        }
    }
}
