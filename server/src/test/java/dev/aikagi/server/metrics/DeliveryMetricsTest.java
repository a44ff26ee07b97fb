package dev.aikagi.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every delivery attempt is counted by channel, gateway and outcome; the gateway's answer passes unchanged. */
class DeliveryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** What the stub gateway does next: null sends, an exception is thrown. */
    private final Deque<Exception> next = new ArrayDeque<>();
    private final MessageGateway stub = message -> {
        Exception e = next.poll();
        if (e instanceof DeliveryException d) {
            throw d;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
    };

    @Test
    void deliverWhenGatewaySucceedsOrFailsThenEachAttemptCountedByOutcome() throws Exception {
        Map<Channel, MessageGateway> gateways = DeliveryMetrics.metered(Map.of(Channel.SMS, stub, Channel.EMAIL, stub),
                Map.of(Channel.SMS, "twilio", Channel.EMAIL, "smtp"), registry);
        MessageGateway sms = gateways.get(Channel.SMS);

        sms.deliver(message(Channel.SMS, "+819012345678"));
        sms.deliver(message(Channel.SMS, "+819012345678"));
        DeliveryException timeout = new DeliveryException("read time-out", true);
        next.add(timeout);
        assertThatThrownBy(() -> sms.deliver(message(Channel.SMS, "+819012345678"))).isSameAs(timeout);
        DeliveryException refused = new DeliveryException("HTTP 400 from the provider", false);
        next.add(refused);
        assertThatThrownBy(() -> sms.deliver(message(Channel.SMS, "+819012345678"))).isSameAs(refused);
        IllegalStateException bug = new IllegalStateException("unexpected");
        next.add(bug);
        assertThatThrownBy(() -> gateways.get(Channel.EMAIL).deliver(message(Channel.EMAIL, "a@example.jp"))).isSameAs(bug);

        assertThat(count("sms", "twilio", "sent")).isEqualTo(2.0);
        assertThat(count("sms", "twilio", "retried")).isEqualTo(1.0);
        assertThat(count("sms", "twilio", "failed")).isEqualTo(1.0);
        assertThat(count("email", "smtp", "retried")).isEqualTo(1.0);
        assertThat(registry.find(DeliveryMetrics.NAME).tag("channel", "email").tag("outcome", "sent").counter()).isNull();
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                .doesNotContain("9012345678").doesNotContain("example.jp").doesNotContain("time-out"));
    }

    @Test
    void deliverWhenAttemptedThenTimedByChannelGatewayAndOutcome() throws Exception {
        MessageGateway logout = DeliveryMetrics.metered(Map.of(Channel.LOGOUT, stub),
                Map.of(Channel.LOGOUT, DeliveryMetrics.BACKCHANNEL), registry).get(Channel.LOGOUT);

        logout.deliver(message(Channel.LOGOUT, "https://rp.example/bcl"));
        next.add(new DeliveryException("HTTP 500", true));
        assertThatThrownBy(() -> logout.deliver(message(Channel.LOGOUT, "https://rp.example/bcl")));

        for (String outcome : new String[] {"sent", "retried"}) {
            var timer = registry.find(DeliveryMetrics.LATENCY).tag("channel", "logout").tag("gateway", "backchannel")
                    .tag("outcome", outcome).timer();
            assertThat(timer).as(outcome).isNotNull();
            assertThat(timer.count()).isEqualTo(1);
        }
    }

    @Test
    void meteredWhenGatewayNameOutsideTheClosedSetThenCountedAsOther() throws Exception {
        DeliveryMetrics.metered(Map.of(Channel.SMS, stub), Map.of(Channel.SMS, "+819012345678"), registry)
                .get(Channel.SMS).deliver(message(Channel.SMS, "+819012345678"));

        assertThat(count("sms", "other", "sent")).isEqualTo(1.0);
    }

    private double count(String channel, String gateway, String outcome) {
        Counter counter = registry.find(DeliveryMetrics.NAME).tag("channel", channel).tag("gateway", gateway)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Message message(Channel channel, String to) {
        return new Message(new UUID(0, 1), channel, to, "subject", "Your code is 123456", null, "login_code",
                Instant.parse("2026-11-25T10:00:00Z"));
    }
}
