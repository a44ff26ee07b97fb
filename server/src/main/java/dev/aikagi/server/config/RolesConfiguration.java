package dev.aikagi.server.config;

import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.jdbc.JdbcAccountRepository;
import dev.aikagi.jdbc.JdbcRoleRepository;
import dev.aikagi.server.admin.ReencryptCommand;
import dev.aikagi.server.oidc.OidcProperties;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import dev.aikagi.server.support.SupportProperties;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Roles held in the database (issue 14, point 6) and the start-up work of issue 14, point 5: the username
 * skeletons of accounts made before V13. Both run while the context starts, so before the node serves.
 */
@Configuration(proxyBeanMethods = false)
class RolesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RolesConfiguration.class);

    @Bean
    JdbcRoleRepository roleRepository(DataSource dataSource) {
        return new JdbcRoleRepository(dataSource);
    }

    /** Every account gets its skeleton before the node takes a sign-up (see JdbcAccountRepository.fillSkeletons). */
    @Bean
    @DependsOnDatabaseInitialization
    UsernameSkeletons usernameSkeletons(DataSource dataSource) {
        int filled = new JdbcAccountRepository(dataSource).fillSkeletons();
        if (filled > 0) {
            log.info("Username skeletons (Unicode TS #39) computed for {} existing accounts", filled);
        }
        return new UsernameSkeletons(filled);
    }

    /** How many accounts got their skeleton at this start. */
    record UsernameSkeletons(int filled) {
    }

    /**
     * Applies {@code aikagi.support.agents} and {@code aikagi.oidc.admins} once, at start-up, to the accounts
     * that have those names (see {@link Roles#applyConfigured}). A listed name with no account is a warning;
     * in production mode it stops the start-up. Not for a command (it changes roles itself).
     */
    @Bean
    @DependsOnDatabaseInitialization
    ConfiguredRoles configuredRoles(Roles roles, SupportProperties support, OidcProperties oidc,
                                    AikagiProperties properties, Environment environment) {
        if (!environment.getProperty(ReencryptCommand.PROPERTY, "").isBlank()) {
            return new ConfiguredRoles(List.of());
        }
        return apply(roles, support.agents(), oidc.admins(), properties.mode());
    }

    /** Applies both lists and reports each name; in production mode, stops at a name no account has. */
    static ConfiguredRoles apply(Roles roles, List<String> agents, List<String> admins, AikagiProperties.Mode mode) {
        List<Roles.Applied> applied = List.of(
                roles.applyConfigured(Role.SUPPORT_AGENT, agents),
                roles.applyConfigured(Role.ADMIN, admins));
        List<String> problems = new ArrayList<>();
        report("aikagi.support.agents", Role.SUPPORT_AGENT, applied.get(0), mode, problems);
        report("aikagi.oidc.admins", Role.ADMIN, applied.get(1), mode, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(String.join("\n", problems), ProductionChecks.ROLES_ACTION);
        }
        return new ConfiguredRoles(applied);
    }

    private static void report(String setting, Role role, Roles.Applied applied, AikagiProperties.Mode mode,
                               List<String> problems) {
        applied.granted().forEach(name -> log.info("{}: '{}' now holds the {} role", setting, name, role.value()));
        applied.revoked().forEach(name -> log.info("{}: '{}' left the list and no longer holds the {} role", setting,
                name, role.value()));
        for (String name : applied.missing()) {
            boolean none = applied.withoutAccount().contains(name);
            log.warn("{}: '{}' {}, so it holds no role; once the right person has the account, run"
                            + " --aikagi.command=grant-role --username={} --role={}", setting, name,
                    none ? "names no account" : "had no account when it was first listed (the account was made later)",
                    name, role.value());
        }
        if (mode == AikagiProperties.Mode.PRODUCTION) {
            problems.addAll(ProductionChecks.listedWithoutAccount(setting, applied.withoutAccount()));
        }
    }

    /** What the lists did at this start. */
    record ConfiguredRoles(List<Roles.Applied> applied) {
    }
}
