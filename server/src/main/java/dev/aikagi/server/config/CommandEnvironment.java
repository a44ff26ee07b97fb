package dev.aikagi.server.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A command ({@code aikagi.command}) must be able to run on a host where a node already holds the ports: its
 * web server (the application is a web application through and through) listens only on a free loopback
 * port, and the actuator not at all. Registered in META-INF/spring.factories.
 */
class CommandEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String command = environment.getProperty(ReencryptCommand.PROPERTY);
        if (command != null && !command.isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource("aikagiCommand",
                    Map.of("server.port", "0", "server.address", "127.0.0.1", "management.server.port", "-1")));
        }
    }
}
