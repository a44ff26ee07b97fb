package dev.aikagi.server.metrics;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Message delivery as Prometheus counters: {@code aikagi_messages_total} by {@code channel} (sms, email, logout),
 * {@code gateway} (outbox, webhook, twilio, smtp, backchannel) and {@code outcome}, one count per delivery attempt:
 * <ul>
 *   <li>{@code sent}: the gateway took the message;</li>
 *   <li>{@code retried}: it failed in a way worth trying again (time-out, 5xx, 429); the queue tries again
 *       later unless the message's attempts or lifetime have run out;</li>
 *   <li>{@code failed}: the gateway refused it for good (the queue gives it up).</li>
 * </ul>
 * Counted around each gateway, so no recipient, text or error text ever reaches a tag. Each attempt is also
 * timed: {@code aikagi_gateway_latency_seconds} (a histogram, same tags), for alerts on a slow provider.
 */
public final class DeliveryMetrics {

    static final String NAME = "aikagi.messages";
    static final String LATENCY = "aikagi.gateway.latency";
    /** The gateway of {@link Channel#LOGOUT}: OpenID Connect Back-Channel Logout tokens to applications. */
    public static final String BACKCHANNEL = "backchannel";
    static final Set<String> GATEWAYS = Set.of("outbox", "webhook", "twilio", "smtp", BACKCHANNEL);

    private DeliveryMetrics() {
    }

    /**
     * The gateways, each counting its attempts. {@code gatewayNames}: the configured gateway of each channel,
     * one of {@link #GATEWAYS} (anything else is counted as "other").
     */
    public static Map<Channel, MessageGateway> metered(Map<Channel, MessageGateway> gateways,
                                                       Map<Channel, String> gatewayNames, MeterRegistry registry) {
        Objects.requireNonNull(gateways, "gateways");
        Objects.requireNonNull(gatewayNames, "gatewayNames");
        Objects.requireNonNull(registry, "registry");
        Map<Channel, MessageGateway> metered = new EnumMap<>(Channel.class);
        gateways.forEach((channel, gateway) -> {
            String name = gatewayNames.get(channel);
            metered.put(channel, new Metered(gateway, channel, GATEWAYS.contains(name) ? name : "other", registry));
        });
        return metered;
    }

    private record Metered(MessageGateway gateway, Channel channel, String name, MeterRegistry registry)
            implements MessageGateway {

        @Override
        public void deliver(Message message) throws DeliveryException {
            Timer.Sample sample = Timer.start(registry);
            try {
                gateway.deliver(message);
            } catch (DeliveryException e) {
                time(sample, e.retryable() ? "retried" : "failed");
                count(e.retryable() ? "retried" : "failed");
                throw e;
            } catch (RuntimeException e) {
                // The queue treats an unexpected exception as worth another try.
                time(sample, "retried");
                count("retried");
                throw e;
            }
            time(sample, "sent");
            count("sent");
        }

        /** {@code aikagi_gateway_latency_seconds}: how long each attempt took, by channel, gateway and outcome. */
        private void time(Timer.Sample sample, String outcome) {
            sample.stop(Timer.builder(LATENCY).description("Time a gateway took for one delivery attempt")
                    .tag("channel", channel.value()).tag("gateway", name).tag("outcome", outcome)
                    .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(5))
                    .maximumExpectedValue(java.time.Duration.ofSeconds(60)).register(registry));
        }

        private void count(String outcome) {
            Counter.builder(NAME).description("Message delivery attempts by channel, gateway and outcome")
                    .tag("channel", channel.value()).tag("gateway", name).tag("outcome", outcome)
                    .register(registry).increment();
        }
    }
}
