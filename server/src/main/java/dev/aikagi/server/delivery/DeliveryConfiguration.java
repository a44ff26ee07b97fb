package dev.aikagi.server.delivery;

import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.MessageGateway;
import dev.aikagi.jdbc.JdbcMessageQueue;
import dev.aikagi.jdbc.JdbcOutbox;
import dev.aikagi.server.metrics.DeliveryMetrics;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the message queue and the gateways chosen under {@code aikagi.delivery.*}; see
 * {@link DeliveryProperties}. Start-up stops with one line per bad setting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
@EnableScheduling
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean
    JdbcMessageQueue messageQueue(DataSource dataSource) {
        return new JdbcMessageQueue(dataSource);
    }

    /** Always there, whatever the gateways: the development page reads it, and housekeeping empties it. */
    @Bean
    JdbcOutbox outbox(DataSource dataSource, Clock clock) {
        return new JdbcOutbox(dataSource, clock);
    }

    @Bean
    MessageGateways messageGateways(DeliveryProperties delivery, AikagiProperties aikagi, JdbcOutbox outbox,
                                    ObjectProvider<JavaMailSender> mailSender, Clock clock) {
        JavaMailSender mail = mailSender.getIfAvailable();
        List<String> problems = new java.util.ArrayList<>(delivery.problems(mail != null));
        problems.addAll(delivery.productionProblems(aikagi.mode()));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(String.join("\n", problems),
                    "Set the properties named above (see the README, \"Sending messages\"); the outbox serves"
                            + " development mode only.");
        }
        Map<Channel, MessageGateway> gateways = new EnumMap<>(Channel.class);
        WebhookGateway webhook = delivery.sms() == DeliveryProperties.SmsGateway.WEBHOOK
                || delivery.email() == DeliveryProperties.EmailGateway.WEBHOOK
                ? new WebhookGateway(delivery.webhook().url(), delivery.webhook().secret(), delivery.connectTimeout(),
                        delivery.readTimeout(), clock)
                : null;
        gateways.put(Channel.SMS, switch (delivery.sms()) {
            case OUTBOX -> outbox;
            case WEBHOOK -> webhook;
            case TWILIO -> new TwilioGateway(delivery.twilio().baseUrl(), delivery.twilio().accountSid(),
                    delivery.twilio().authToken(), delivery.twilio().fromNumber(), delivery.connectTimeout(),
                    delivery.readTimeout());
        });
        gateways.put(Channel.EMAIL, switch (delivery.email()) {
            case OUTBOX -> outbox;
            case WEBHOOK -> webhook;
            case SMTP -> new SmtpGateway(mail, delivery.smtp().from());
        });
        // OpenID Connect Back-Channel Logout tokens go to each application's own URI, whatever the gateways above.
        gateways.put(Channel.LOGOUT, new BackChannelLogoutGateway(delivery.connectTimeout(), delivery.readTimeout()));
        log.info("Message delivery: {}", delivery.describe());
        return new MessageGateways(gateways);
    }

    /** Each gateway's attempts are counted for /actuator/prometheus ({@link DeliveryMetrics}). */
    @Bean
    Deliveries messages(JdbcMessageQueue queue, MessageGateways gateways, DeliveryProperties delivery,
                      MeterRegistry registry, SecretCipher cipher, SecretGenerator generator, Clock clock) {
        Map<Channel, String> names = Map.of(Channel.SMS, delivery.sms().name().toLowerCase(Locale.ROOT),
                Channel.EMAIL, delivery.email().name().toLowerCase(Locale.ROOT),
                Channel.LOGOUT, DeliveryMetrics.BACKCHANNEL);
        return new Deliveries(queue, DeliveryMetrics.metered(gateways.byChannel(), names, registry), cipher, generator,
                clock);
    }
}
