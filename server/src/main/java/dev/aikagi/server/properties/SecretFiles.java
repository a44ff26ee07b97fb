package dev.aikagi.server.properties;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Secrets read from files, as containers hand them over (Docker and Kubernetes secrets under
 * {@code /run/secrets}): for every environment variable {@code AIKAGI_…_FILE} or {@code SPRING_…_FILE}, the
 * variable without {@code _FILE} takes the file's content, with trailing line breaks removed. So
 * {@code AIKAGI_DB_PASSWORD_FILE=/run/secrets/db_password} sets {@code AIKAGI_DB_PASSWORD}, and
 * {@code AIKAGI_KEYS_PEPPER_K1_FILE} sets {@code aikagi.keys.pepper.k1}, exactly as the variable would.
 * Registered in META-INF/spring.factories.
 *
 * <p>A file that cannot be read, or a variable set both ways, stops start-up with one line naming the variable
 * (never the content). Spring's own config tree ({@code spring.config.import=configtree:/run/secrets/}) works
 * as well, with files named after the properties.
 */
public final class SecretFiles implements EnvironmentPostProcessor {

    static final String SUFFIX = "_FILE";
    /** Large enough for any key, password or certificate-sized secret; a larger file is a wrong path. */
    static final long MAX_BYTES = 64 * 1024;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> variables = environment.getSystemEnvironment();
        Map<String, Object> values = read(variables);
        String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (!values.isEmpty() && environment.getPropertySources().contains(name)) {
            // The environment as if the variables themselves were set: the _FILE variables go (else
            // AIKAGI_KEYS_PEPPER_K1_FILE would bind as a key named "k1.file"), the values take their place with
            // the same relaxed names.
            Map<String, Object> merged = new LinkedHashMap<>(variables);
            values.keySet().forEach(target -> merged.remove(target + SUFFIX));
            merged.putAll(values);
            environment.getPropertySources().replace(name, new SystemEnvironmentPropertySource(name, merged));
        }
    }

    /** The variables the {@code _FILE} variables of {@code environment} name, with their files' content. */
    static Map<String, Object> read(Map<String, Object> environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.endsWith(SUFFIX) || !(name.startsWith("AIKAGI_") || name.startsWith("SPRING_"))
                    || name.length() == SUFFIX.length()) {
                continue;
            }
            String target = name.substring(0, name.length() - SUFFIX.length());
            if (environment.containsKey(target)) {
                problems.add(name + ": " + target + " is set as well; set one of them");
                continue;
            }
            String path = String.valueOf(variable.getValue()).strip();
            try {
                Path file = Path.of(path);
                if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                    problems.add(name + ": '" + path + "' is not a readable file of at most " + MAX_BYTES + " bytes");
                    continue;
                }
                values.put(target, Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", ""));
            } catch (CharacterCodingException e) {
                problems.add(name + ": '" + path + "' is not UTF-8 text");
            } catch (IOException | RuntimeException e) {
                problems.add(name + ": '" + path + "' cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(String.join("\n", problems),
                    "Point each *_FILE variable at a file holding only the secret (a mounted Docker or Kubernetes"
                            + " secret), readable by Aikagi's user, and do not set the plain variable too.");
        }
        return values;
    }
}
