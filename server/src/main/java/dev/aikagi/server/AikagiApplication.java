package dev.aikagi.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts Aikagi. Development mode by default: H2 in {@code ./data}, keys generated there. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AikagiApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(AikagiApplication.class, args);
        if (!context.getEnvironment().getProperty("aikagi.command", "").isBlank()) {
            // A command (--aikagi.command=reencrypt, grant-role, revoke-role) has run: end with its exit code
            // instead of serving.
            System.exit(SpringApplication.exit(context));
        }
    }
}
