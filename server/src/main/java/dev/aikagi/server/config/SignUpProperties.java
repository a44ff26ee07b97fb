package dev.aikagi.server.config;

import dev.aikagi.core.account.SignUpLimit;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.server.properties.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-up limits under {@code aikagi.sign-up.*} (issue 14 point 4): {@code hourlyLimitPerAddress} sign-ups an
 * hour from one client address, an IPv6 address counting by its /64 (default 5). Validated at start-up.
 */
@ConfigurationProperties("aikagi.sign-up")
public record SignUpProperties(@DefaultValue("5") int hourlyLimitPerAddress) {

    public SignUpLimit limit(AttemptRepository attempts) {
        if (hourlyLimitPerAddress < 1) {
            throw new InvalidConfigurationException("aikagi.sign-up.hourly-limit-per-address: must be at least 1, is "
                    + hourlyLimitPerAddress, "Set the sign-ups one client address may make an hour, such as 5 (the default).");
        }
        return new SignUpLimit(attempts, hourlyLimitPerAddress);
    }
}
