package dev.aikagi.server.config;

import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.factor.sms.SmsRegions;
import dev.aikagi.server.properties.InvalidConfigurationException;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Text-message limits under {@code aikagi.sms.*} (issue 14 point 4): {@code hourlyLimit} text messages an hour
 * in all, across every node (default 1,000); {@code hourlyLimitPerAddress} an hour asked for from one client
 * address, an IPv6 address counting by its /64 (default 20); {@code allowedRegions} the ISO 3166 region codes
 * numbers may be in (default {@code JP}): a number elsewhere is refused before anything is sent. Validated at
 * start-up: a bad value stops it with a message naming the setting.
 */
@ConfigurationProperties("aikagi.sms")
public record SmsProperties(@DefaultValue("1000") int hourlyLimit, @DefaultValue("20") int hourlyLimitPerAddress,
                            @DefaultValue("JP") List<String> allowedRegions) {

    /** The allowed regions, checked against libphonenumber's list. */
    public SmsRegions regions() {
        if (allowedRegions == null || allowedRegions.isEmpty()) {
            throw new InvalidConfigurationException("aikagi.sms.allowed-regions: must name at least one region",
                    "List ISO 3166 region codes, such as JP (the default) or JP,KR.");
        }
        try {
            return new SmsRegions(Set.copyOf(allowedRegions));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("aikagi.sms.allowed-regions: " + e.getMessage(),
                    "List ISO 3166 region codes, such as JP (the default) or JP,KR.");
        }
    }

    /** {@code policy} with these text-message limits. */
    public SendLimits.Policy limits(SendLimits.Policy policy) {
        if (hourlyLimit < 1) {
            throw new InvalidConfigurationException("aikagi.sms.hourly-limit: must be at least 1, is " + hourlyLimit,
                    "Set the text messages allowed an hour across all nodes, such as 1000 (the default).");
        }
        if (hourlyLimitPerAddress < 1) {
            throw new InvalidConfigurationException("aikagi.sms.hourly-limit-per-address: must be at least 1, is "
                    + hourlyLimitPerAddress, "Set the text messages one client address may ask for an hour, such as 20 (the default).");
        }
        return policy.withTextMessageLimits(hourlyLimitPerAddress, hourlyLimit);
    }
}
