package dev.aikagi.server.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

/** Secrets from files: the {@code *_FILE} variables ({@link SecretFiles}) and Spring's config tree. */
class SecretFilesTest {

    private static final String PEPPER = "q0FqkX3v9tY7mJm0b3c4d5e6f7g8h9i0j1k2l3m4n5o=";

    @TempDir
    Path dir;

    /** An environment whose process environment is {@code variables}. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return variables;
            }
        };
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new org.springframework.core.env.SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void fileVariablesWhenSetThenTheirContentBindsAsTheVariableWould() throws Exception {
        Map<String, Object> variables = new HashMap<>();
        variables.put("AIKAGI_KEYS_PEPPER_K1_FILE", file("pepper", PEPPER + "\n").toString());
        variables.put("AIKAGI_DB_PASSWORD_FILE", file("db", "pa ss\nword\r\n").toString());
        variables.put("AIKAGI_KEYS_PEPPERCURRENT", "k1");
        variables.put("SSL_CERT_FILE", "/nonexistent"); // not ours: left alone, never read
        StandardEnvironment environment = environment(variables);

        new SecretFiles().postProcessEnvironment(environment, null);

        assertThat(Binder.get(environment).bind("aikagi.keys.pepper", Bindable.mapOf(String.class, String.class)).get())
                .containsExactly(Map.entry("k1", PEPPER));
        assertThat(environment.resolvePlaceholders("${AIKAGI_DB_PASSWORD:}"))
                .as("only the trailing line break goes").isEqualTo("pa ss\nword");
        assertThat(Binder.get(environment).bind("aikagi.keys.pepper-current", String.class).get()).isEqualTo("k1");
        assertThat(environment.getProperty("SSL_CERT")).isNull();
    }

    @Test
    void fileVariableWhenFileMissingOrPlainVariableSetToThenStartUpStopsNamingTheVariableOnly() throws Exception {
        Map<String, Object> missing = Map.of("AIKAGI_DELIVERY_WEBHOOK_SECRET_FILE", dir.resolve("absent").toString());
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new SecretFiles().postProcessEnvironment(environment(missing), null))
                .withMessageStartingWith("AIKAGI_DELIVERY_WEBHOOK_SECRET_FILE: ");

        Map<String, Object> both = Map.of("AIKAGI_DB_PASSWORD_FILE", file("db", "from-file").toString(),
                "AIKAGI_DB_PASSWORD", "from-variable");
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new SecretFiles().postProcessEnvironment(environment(both), null))
                .withMessageContaining("AIKAGI_DB_PASSWORD is set as well")
                .withMessageNotContaining("from-file").withMessageNotContaining("from-variable");
    }

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    @Test
    void configTreeWhenImportedThenFilesNamedAfterPropertiesSetThem() throws Exception {
        file("aikagi.keys.pepper.k1", PEPPER + "\n");
        file("aikagi.delivery.webhook.secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run("--spring.config.import=configtree:" + dir + "/")) {
            var environment = context.getEnvironment();
            assertThat(Binder.get(environment).bind("aikagi.keys.pepper", Bindable.mapOf(String.class, String.class)).get())
                    .containsEntry("k1", PEPPER);
            assertThat(environment.getProperty("aikagi.delivery.webhook.secret"))
                    .isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        }
    }
}
