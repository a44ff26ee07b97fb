package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a message as a signed JSON POST to an operator's URL, which passes it on (an SMS provider Aikagi
 * has no gateway for, a mail relay, a chat bot). One request per {@link #deliver} call; the queue retries.
 *
 * <h2>For operators: what arrives</h2>
 *
 * <pre>
 * POST {aikagi.delivery.webhook.url}
 * Content-Type: application/json
 * webhook-id: 0b7e…-…
 * webhook-timestamp: 1767225600
 * webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
 * Aikagi-Message-Id: 0b7e…-…
 * Aikagi-Signature: t=1767225600,v1=5f2b…
 *
 * {"id":"0b7e…","channel":"sms","to":"+819012345678","subject":"","body":"Aikagi: 480213 …",
 *  "kind":"login_code","createdAt":"2026-01-01T00:00:00Z"}
 * </pre>
 *
 * <ul>
 *   <li>{@code channel} is {@code sms} or {@code email}; {@code subject} is empty for SMS; {@code createdAt}
 *       is when the message was queued (ISO-8601, UTC).</li>
 *   <li>Answer 2xx once the message is accepted. 408, 429 and 5xx (or no answer within the time-out) are
 *       tried again later with growing pauses (30 s, 1 min, 2 min …); any other status gives the message up.</li>
 *   <li>A retry carries the same {@code Aikagi-Message-Id}: if you accepted it already, answer 2xx again and
 *       do not send twice.</li>
 * </ul>
 *
 * <h2>Verifying the signature: Standard Webhooks</h2>
 *
 * The {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} headers follow the Standard
 * Webhooks specification (standardwebhooks.com), so a receiver verifies with one of its published libraries
 * ({@code new Webhook(secret).verify(body, headers)}), which also refuses a timestamp more than five minutes off.
 * {@code webhook-signature} is {@code v1,} and the Base64 of HMAC-SHA256 over {@code id.timestamp.body}, keyed
 * with the secret: for a secret written as the specification's {@code whsec_<Base64>}, the Base64-decoded bytes
 * (give the library the secret as it is); for any other secret its UTF-8 bytes (give the library
 * {@code whsec_} followed by the Base64 of those bytes). {@code webhook-id} is the message id, the same on a retry.
 *
 * <h2>Deprecated: the {@code Aikagi-Signature} header</h2>
 *
 * Kept for one release beside the standard headers, then removed; verify the standard headers instead.
 * The scheme is Stripe's. {@code t} is the Unix time in seconds when the request was signed; {@code v1} is
 * the lowercase hex of HMAC-SHA256, keyed with the UTF-8 bytes of {@code aikagi.delivery.webhook.secret},
 * over the bytes of {@code t}, a full stop, and the request body exactly as received:
 *
 * <pre>
 * expected = hex(HMAC_SHA256(secret, t + "." + rawBody))
 * </pre>
 *
 * Compare in constant time, and refuse a {@code t} more than five minutes from your clock so that a captured
 * request cannot be replayed later. Parse the body only after the signature matched.
 */
public final class WebhookGateway implements MessageGateway, AutoCloseable {

    /** Deprecated: kept for one release beside {@link #STANDARD_SIGNATURE_HEADER}. */
    public static final String SIGNATURE_HEADER = "Aikagi-Signature";
    /** Deprecated: kept for one release beside {@link #STANDARD_ID_HEADER}. */
    public static final String MESSAGE_ID_HEADER = "Aikagi-Message-Id";
    public static final String STANDARD_ID_HEADER = "webhook-id";
    public static final String STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String STANDARD_SIGNATURE_HEADER = "webhook-signature";
    /** The Standard Webhooks form of a secret: {@code whsec_} and the key in Base64. */
    static final String STANDARD_SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final SecretKeySpec key;
    private final SecretKeySpec standardKey;
    private final GatewayHttp http;
    private final Clock clock;

    public WebhookGateway(URI url, String secret, Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
        this.standardKey = new SecretKeySpec(standardKey(secret), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new GatewayHttp("webhook", connectTimeout, readTimeout);
    }

    @Override
    public void deliver(Message message) throws DeliveryException {
        Objects.requireNonNull(message, "message");
        byte[] body = JSON.writeValueAsBytes(new Payload(message.id().toString(), message.channel().value(),
                message.to(), message.subject(), message.body(), message.kind(), message.createdAt().toString()));
        long t = clock.instant().getEpochSecond();
        HttpRequest request = http.request(url)
                .header("Content-Type", "application/json")
                .header(STANDARD_ID_HEADER, message.id().toString())
                .header(STANDARD_TIMESTAMP_HEADER, Long.toString(t))
                .header(STANDARD_SIGNATURE_HEADER, standardSignature(message.id().toString(), t, body))
                .header(MESSAGE_ID_HEADER, message.id().toString())
                .header(SIGNATURE_HEADER, "t=" + t + ",v1=" + sign(t, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (GatewayHttp.successful(status)) {
            return;
        }
        throw new DeliveryException("webhook answered HTTP " + status, GatewayHttp.retryable(status));
    }

    /** The {@code v1} value: hex HMAC-SHA256 over {@code "<t>.<body>"}. */
    String sign(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new AssertionError("HmacSHA256 is required of every Java platform and takes any key", e);
        }
    }

    /** The {@code webhook-signature} value: {@code v1,} and Base64 HMAC-SHA256 over {@code "<id>.<t>.<body>"}. */
    String standardSignature(String id, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(standardKey);
            mac.update((id + "." + t + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new AssertionError("HmacSHA256 is required of every Java platform and takes any key", e);
        }
    }

    /** A {@code whsec_<Base64>} secret's decoded bytes; any other secret's UTF-8 bytes. */
    static byte[] standardKey(String secret) {
        if (secret.startsWith(STANDARD_SECRET_PREFIX)) {
            try {
                byte[] decoded = Base64.getDecoder().decode(secret.substring(STANDARD_SECRET_PREFIX.length()));
                if (decoded.length > 0) {
                    return decoded;
                }
            } catch (IllegalArgumentException e) {
                // Not Base64 after all: the secret as text, as for any other secret.
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "WebhookGateway[" + DeliveryProperties.withoutCredentials(url) + "]";
    }

    /** The JSON body; the field order is part of what receivers see, not of what they may rely on. */
    private record Payload(String id, String channel, String to, String subject, String body, String kind,
                           String createdAt) {
    }
}
