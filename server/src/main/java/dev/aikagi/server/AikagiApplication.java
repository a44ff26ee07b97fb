package dev.aikagi.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Aikagi. Development mode by default: H2 in {@code ./data}, keys generated there. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AikagiApplication {

    public static void main(String[] args) {
        SpringApplication.run(AikagiApplication.class, args);
    }
}
