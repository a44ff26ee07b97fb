package dev.aikagi.core.code;

import dev.aikagi.core.factor.sms.SmsRegions;
import java.time.Instant;
import java.util.Objects;

/** What happened when a code was to be sent by SMS or email. */
public sealed interface SendResult {

    /**
     * The gateway took the message.
     *
     * @param destination the address masked ({@code •••• ••12})
     * @param nextSendAt when "send again" is next allowed
     */
    record Sent(String destination, Instant nextSendAt) implements SendResult {
        public Sent {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(nextSendAt, "nextSendAt");
        }
    }

    /**
     * Cool-down or hourly cap: nothing was sent.
     *
     * @param coolDown whether only the cool-down between two sends refused it: a code was sent moments ago and
     *     another may go at {@code retryAt} ("send again" too soon), not a spent budget (issue 17)
     */
    record Throttled(Instant retryAt, boolean coolDown) implements SendResult {
        public Throttled {
            Objects.requireNonNull(retryAt, "retryAt");
        }

        /** Refused by a budget, not by the cool-down. */
        public Throttled(Instant retryAt) {
            this(retryAt, false);
        }
    }

    /**
     * A text message to a number outside the operator's allowed regions ({@link SmsRegions}): nothing was
     * counted or sent (issue 14 point 4).
     */
    record RegionNotAllowed() implements SendResult {
    }

    /**
     * The gateway did not take it at once; the queue keeps trying, but the person should be told and
     * offered another way.
     */
    record DeliveryFailed() implements SendResult {
    }
}
