package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers an OpenID Connect Back-Channel Logout token (Back-Channel Logout 1.0 §2.5): a form POST of
 * {@code logout_token=<JWT>} to the application's {@code backchannel_logout_uri}, the message's recipient. The
 * token was signed when the session ended ({@code dev.aikagi.server.oidc.BackChannelLogout}); the message's body
 * is that token. 2xx means the application logged the session out; 408, 429, 5xx and no answer are tried again
 * from the queue with growing pauses; any other status (400: the application refused the token) gives it up.
 */
public final class BackChannelLogoutGateway implements MessageGateway, AutoCloseable {

    private final GatewayHttp http;

    public BackChannelLogoutGateway(Duration connectTimeout, Duration readTimeout) {
        this.http = new GatewayHttp("back-channel logout endpoint", connectTimeout, readTimeout);
    }

    @Override
    public void deliver(Message message) throws DeliveryException {
        Objects.requireNonNull(message, "message");
        if (message.channel() != Channel.LOGOUT) {
            throw new DeliveryException("back-channel logout gateway sends logout tokens only", false);
        }
        URI uri;
        try {
            uri = new URI(message.to());
        } catch (URISyntaxException e) {
            throw new DeliveryException("back-channel logout URI is not a URI", false);
        }
        HttpRequest request = http.request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(message.body(), StandardCharsets.US_ASCII)))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (GatewayHttp.successful(status)) {
            return;
        }
        throw new DeliveryException("back-channel logout endpoint answered HTTP " + status,
                GatewayHttp.retryable(status));
    }

    @Override
    public void close() {
        http.close();
    }
}
