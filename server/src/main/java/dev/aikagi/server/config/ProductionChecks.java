package dev.aikagi.server.config;

import dev.aikagi.server.delivery.DeliveryProperties;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import dev.aikagi.server.properties.KeyRings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What production mode requires before anything starts: PostgreSQL (URL, user and password given), an
 * https public address, configured keys and a real message gateway. Runs before any bean is made (so before
 * the connection pool tries the database) and lists every problem at once, one line each, rather than
 * the first one only.
 *
 * <p>The keys and the gateways are checked again where they are built ({@link KeyRings}, the delivery
 * configuration); here they only join the list, so an operator fixes everything in one round.
 *
 * <p>One check needs the database, so it runs once the schema is migrated, still before the node serves:
 * every name in {@code aikagi.support.agents} and {@code aikagi.oidc.admins} must be an existing account
 * ({@link #listedWithoutAccount}, called by RolesConfiguration).
 */
final class ProductionChecks implements BeanFactoryPostProcessor {

    static final String ACTION = "Set the settings named above; the README's \"Running in production\" lists them"
            + " (AIKAGI_DB_URL, AIKAGI_DB_USER, AIKAGI_DB_PASSWORD, AIKAGI_PUBLIC_URL, AIKAGI_KEYS_*).";

    /** What to do about a role list naming an account that does not exist (issue 14, point 6). */
    static final String ROLES_ACTION = "Sign the account up first, then grant the role with --aikagi.command=grant-role"
            + " --username=<name> --role=support-agent|admin, and remove the name from the list (a name nobody had"
            + " when it was listed never gets the role from the list: whoever signs it up may not be the right person).";

    private final Environment environment;

    ProductionChecks(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Binder binder = Binder.get(environment);
        AikagiProperties.Mode mode = binder.bind("aikagi.mode", AikagiProperties.Mode.class)
                .orElse(AikagiProperties.Mode.DEVELOPMENT);
        if (mode != AikagiProperties.Mode.PRODUCTION) {
            return;
        }
        List<String> problems = new ArrayList<>(database(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password")));
        problems.addAll(publicUrl(environment.getProperty("aikagi.public-url", "http://localhost:8080")));
        binder.bind("aikagi", Bindable.of(AikagiProperties.class)).ifBound(aikagi -> {
            try {
                KeyRings.configured(aikagi.keys());
            } catch (InvalidConfigurationException e) {
                problems.add(e.getMessage());
            }
        });
        binder.bind("aikagi.delivery", Bindable.of(DeliveryProperties.class))
                .ifBound(delivery -> problems.addAll(delivery.productionProblems(mode)));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(String.join("\n", problems), ACTION);
        }
    }

    /** One line for each missing or unsuitable database setting; never the password nor the whole URL. */
    static List<String> database(String url, String user, String password) {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("spring.datasource.url (AIKAGI_DB_URL): production mode needs a PostgreSQL database, and"
                    + " none is set; use jdbc:postgresql://<host>:5432/<database>");
        } else if (!url.strip().startsWith("jdbc:postgresql:")) {
            problems.add("spring.datasource.url (AIKAGI_DB_URL): production mode needs PostgreSQL (a jdbc:postgresql:"
                    + " URL), is a " + kind(url) + " URL; H2 serves development only");
        }
        if (user == null || user.isBlank()) {
            problems.add("spring.datasource.username (AIKAGI_DB_USER): production mode needs the database user, and"
                    + " none is set");
        }
        if (password == null || password.isEmpty()) {
            problems.add("spring.datasource.password (AIKAGI_DB_PASSWORD): production mode needs the database"
                    + " user's password, and none is set");
        }
        return problems;
    }

    /** Links in emails and text messages must lead to the https address, or Secure cookies would never come back. */
    static List<String> publicUrl(String value) {
        String problem = null;
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                problem = "is '" + value + "'";
            }
        } catch (URISyntaxException e) {
            problem = "is not a URL";
        }
        return problem == null ? List.of() : List.of("aikagi.public-url (AIKAGI_PUBLIC_URL): production mode needs the"
                + " https:// address people reach Aikagi at, " + problem);
    }

    /**
     * One line for each name of a role list ({@code aikagi.support.agents}, {@code aikagi.oidc.admins}) that no
     * account has. Checked once the database is there (RolesConfiguration), not with the settings above.
     */
    static List<String> listedWithoutAccount(String setting, List<String> names) {
        return names.stream().map(name -> setting + ": production mode refuses to list '" + name
                + "', which no account has").toList();
    }

    /** The driver part of a JDBC URL ("h2", "mysql"), so that a credential inside the URL is never printed. */
    private static String kind(String url) {
        String[] parts = url.strip().split(":", 3);
        String kind = parts.length >= 2 && parts[0].equalsIgnoreCase("jdbc") ? parts[1] : "non-JDBC";
        return kind.matches("[A-Za-z0-9_-]{1,20}") ? kind.toLowerCase(Locale.ROOT) : "non-JDBC";
    }
}
