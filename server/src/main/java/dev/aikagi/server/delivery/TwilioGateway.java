package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends text messages with Twilio's Programmable Messaging REST API: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Deliveries.json} with the form fields {@code To}, {@code From} and
 * {@code Body}, authenticated with HTTP Basic (account SID and auth token). One request per
 * {@link #deliver} call; the queue retries.
 *
 * <p>201 (or 200) means Twilio accepted the message. 408, 429 and 5xx, and time-outs, are retried later; any
 * other answer is final, such as 400 with Twilio error 21211 (the number is not valid) or 401 (wrong
 * credentials). Error texts carry the status and Twilio's numeric error code, never Twilio's message, which
 * quotes the phone number.
 */
public final class TwilioGateway implements MessageGateway, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** More of an error answer than this is never needed to find its code. */
    private static final int MAX_ERROR_BODY = 8192;

    private final URI messagesUrl;
    private final String authorization;
    private final String from;
    private final GatewayHttp http;

    /**
     * @param baseUrl {@code https://api.twilio.com}, or a stand-in in tests
     * @param from the sending number (E.164) or alphanumeric sender id
     */
    public TwilioGateway(URI baseUrl, String accountSid, String authToken, String from, Duration connectTimeout,
                         Duration readTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        this.from = Objects.requireNonNull(from, "from");
        if (!ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("accountSid must be 'AC' and 32 hex digits");
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.messagesUrl = URI.create(base + "/2010-04-01/Accounts/" + accountSid + "/Deliveries.json");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.http = new GatewayHttp("Twilio", connectTimeout, readTimeout);
    }

    @Override
    public void deliver(Message message) throws DeliveryException {
        Objects.requireNonNull(message, "message");
        if (message.channel() != Channel.SMS) {
            throw new DeliveryException("Twilio sends SMS only, not " + message.channel().value(), false);
        }
        String form = "To=" + encode(message.to()) + "&From=" + encode(from) + "&Body=" + encode(message.body());
        HttpRequest request = http.request(messagesUrl)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (GatewayHttp.successful(status)) {
            return;
        }
        throw new DeliveryException("Twilio answered HTTP " + status + errorCode(response.body()),
                GatewayHttp.retryable(status));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "TwilioGateway[" + messagesUrl.getHost() + "]";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code " (Twilio error 21211)"} from an error answer, or nothing. */
    private static String errorCode(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_ERROR_BODY) {
            return "";
        }
        try {
            JsonNode code = JSON.readTree(body).get("code");
            return code != null && code.isIntegralNumber() ? " (Twilio error " + code.asLong() + ")" : "";
        } catch (JacksonException e) {
            return "";
        }
    }
}
