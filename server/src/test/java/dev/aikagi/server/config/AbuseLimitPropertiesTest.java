package dev.aikagi.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.server.properties.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14 point 4: the sign-up and text-message settings are checked at start-up, each error naming its setting. */
class AbuseLimitPropertiesTest {

    private static final AttemptRepository NO_COUNTERS = new InMemoryAttemptRepository();

    @Test
    void regionsWhenCodesValidThenUpperCasedSet() {
        assertThat(new SmsProperties(1000, 20, List.of("jp", " KR ")).regions().allowed()).containsExactlyInAnyOrder("JP", "KR");
    }

    @Test
    void regionsWhenUnknownCodeThenErrorNamesSettingAndCode() {
        assertThatThrownBy(() -> new SmsProperties(1000, 20, List.of("JP", "Japan")).regions())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("aikagi.sms.allowed-regions: 'Japan' is not an ISO 3166 region code of a phone numbering plan");
        assertThatThrownBy(() -> new SmsProperties(1000, 20, List.of()).regions())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("aikagi.sms.allowed-regions: must name at least one region");
    }

    @Test
    void limitsWhenBelowOneThenErrorNamesSetting() {
        assertThatThrownBy(() -> new SmsProperties(0, 20, List.of("JP")).limits(SendLimits.DEFAULT))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("aikagi.sms.hourly-limit: ");
        assertThatThrownBy(() -> new SmsProperties(1000, 0, List.of("JP")).limits(SendLimits.DEFAULT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("aikagi.sms.hourly-limit-per-address: ");
        assertThatThrownBy(() -> new SignUpProperties(0).limit(NO_COUNTERS))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("aikagi.sign-up.hourly-limit-per-address: ");
    }

    @Test
    void limitsWhenValidThenCarriedIntoThePolicy() {
        SendLimits.Policy policy = new SmsProperties(500, 7, List.of("JP")).limits(SendLimits.DEFAULT);
        assertThat(policy.textMessagesPerHour()).isEqualTo(500);
        assertThat(policy.perAddressCap()).isEqualTo(7);
        assertThat(policy.perAccountCap()).isEqualTo(SendLimits.DEFAULT.perAccountCap());
    }
}
