package dev.aikagi.server.admin;

import dev.aikagi.server.properties.InvalidConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A command ({@code aikagi.command}) must be able to run on a host where a node already holds the ports: its
 * web server (the application is a web application through and through) listens only on a free loopback
 * port, and the actuator not at all. Registered in META-INF/spring.factories.
 *
 * <p>It also checks the command's name (one of {@link #COMMANDS}, in any case, spaces around it ignored) and
 * puts it in its plain form, which selects the command's beans.
 */
class CommandEnvironment implements EnvironmentPostProcessor {

    /** Every command there is. */
    static final List<String> COMMANDS = List.of("reencrypt", RoleCommand.GRANT, RoleCommand.REVOKE, UsersCommand.NAME);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String command = environment.getProperty(ReencryptCommand.PROPERTY);
        if (command != null && !command.isBlank()) {
            String name = command.strip().toLowerCase(Locale.ROOT);
            if (!COMMANDS.contains(name)) {
                throw new InvalidConfigurationException(ReencryptCommand.PROPERTY + ": '" + (command.length() > 40
                        ? command.substring(0, 40) + "…" : command) + "' is not a command; the commands are "
                        + String.join(", ", COMMANDS),
                        "Run with --aikagi.command=reencrypt to re-seal secrets under the current key,"
                                + " --aikagi.command=grant-role or revoke-role --username=<name>"
                                + " --role=support-agent|admin to change roles, --aikagi.command=users --help to manage"
                                + " users, or without aikagi.command to serve.");
            }
            Map<String, Object> settings = new java.util.HashMap<>(Map.of("server.port", "0",
                    "server.address", "127.0.0.1", "management.server.port", "-1", ReencryptCommand.PROPERTY, name));
            if (name.equals(UsersCommand.NAME)) {
                // The users command's own output is what a script reads: no banner, and only errors logged.
                settings.put("spring.main.banner-mode", "off");
                settings.put("logging.threshold.console", "ERROR");
            }
            environment.getPropertySources().addFirst(new MapPropertySource("aikagiCommand", settings));
        }
    }
}
