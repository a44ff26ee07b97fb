package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.MessageGateway;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The gateway of each channel, as configured. Closing it closes the gateways' HTTP clients (Spring calls
 * {@link #close} on shutdown).
 */
public record MessageGateways(Map<Channel, MessageGateway> byChannel) implements AutoCloseable {

    public MessageGateways {
        byChannel = Map.copyOf(Objects.requireNonNull(byChannel, "byChannel"));
    }

    @Override
    public void close() throws Exception {
        // One gateway may serve both channels; close it once.
        Set<MessageGateway> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(byChannel.values());
        for (MessageGateway gateway : distinct) {
            if (gateway instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
