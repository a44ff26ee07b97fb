package dev.aikagi.core.delivery;

/**
 * Sends one message through an outside service (SMTP, an SMS provider, the development outbox).
 * Implementations apply their own connect and read time-outs, so a call never blocks for long.
 */
public interface MessageGateway {

    /**
     * Sends the message, or throws. A {@link DeliveryException#retryable() retryable} failure (a time-out,
     * a 5xx, a 429) is tried again later from the queue; any other is given up at once.
     */
    void deliver(Message message) throws DeliveryException;
}
