package dev.aikagi.server.web;

import dev.aikagi.core.policy.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address for rate limits and the audit log. Behind a reverse proxy, Spring's
 * forwarded-header support (server.forward-headers-strategy) makes {@code getRemoteAddr} the client's.
 */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    public static ClientAddress of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || address.isBlank()) {
            address = "unknown";
        }
        return new ClientAddress(address.length() > 64 ? address.substring(0, 64) : address);
    }
}
