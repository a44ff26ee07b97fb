package dev.aikagi.server.properties;

/**
 * A setting is missing or malformed. The message names the property and what is wrong with it; it is
 * printed as the one line an operator reads when start-up stops (see {@link InvalidConfigurationFailureAnalyzer}).
 */
public class InvalidConfigurationException extends RuntimeException {
    private final String action;

    public InvalidConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
