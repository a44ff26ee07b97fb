package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.server.properties.AikagiProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages leave Aikagi, under {@code aikagi.delivery.*} (environment variables such as
 * {@code AIKAGI_DELIVERY_SMS=twilio}). Checked once at start-up by {@link #problems}.
 *
 * <ul>
 *   <li>{@code sms}: {@code outbox} (default), {@code webhook} or {@code twilio}.</li>
 *   <li>{@code email}: {@code outbox} (default), {@code smtp} or {@code webhook}.</li>
 *   <li>{@code connect-timeout} (5s) and {@code read-timeout} (10s): each HTTP gateway call; together at most
 *       {@link Deliveries#SEND_TIME_BUDGET}. SMTP has its own, as Jakarta Mail properties under
 *       {@code spring.mail.properties.mail.smtp.*}.</li>
 *   <li>{@code dispatch-interval} (2s): how often the queue is searched for messages due again.</li>
 *   <li>{@code webhook.url}, {@code webhook.secret}: see {@link WebhookGateway}.</li>
 *   <li>{@code twilio.account-sid}, {@code twilio.auth-token}, {@code twilio.from-number},
 *       {@code twilio.base-url}: see {@link TwilioGateway}.</li>
 *   <li>{@code smtp.from}: the sender address. The server itself is Spring Boot's {@code spring.mail.host},
 *       {@code spring.mail.port}, {@code spring.mail.username}, {@code spring.mail.password} and
 *       {@code spring.mail.properties.mail.smtp.starttls.enable} / {@code .starttls.required}.</li>
 * </ul>
 *
 * <p>{@code outbox} writes messages in clear text to a table that {@code /dev/outbox} shows: it is for
 * development only.
 */
@ConfigurationProperties("aikagi.delivery")
public record DeliveryProperties(
        @DefaultValue("outbox") SmsGateway sms,
        @DefaultValue("outbox") EmailGateway email,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("2s") Duration dispatchInterval,
        @DefaultValue Webhook webhook,
        @DefaultValue Twilio twilio,
        @DefaultValue Smtp smtp) {

    /** Twilio's documented form of an account SID. */
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** The shortest webhook secret accepted: 32 characters of a random string carry at least 128 bits. */
    static final int MIN_SECRET_LENGTH = 32;

    public enum SmsGateway { OUTBOX, WEBHOOK, TWILIO }

    public enum EmailGateway { OUTBOX, SMTP, WEBHOOK }

    public record Webhook(URI url, String secret) {
        @Override
        public String toString() {
            return "Webhook[url=" + withoutCredentials(url) + ", secret=" + (secret == null ? "unset" : "<masked>") + "]";
        }
    }

    public record Twilio(String accountSid, String authToken, String fromNumber,
                         @DefaultValue("https://api.twilio.com") URI baseUrl) {
        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=" + (authToken == null ? "unset" : "<masked>")
                    + ", fromNumber=" + fromNumber + ", baseUrl=" + baseUrl + "]";
        }
    }

    public record Smtp(String from) {
    }

    /** Whether the development outbox serves a channel. */
    public boolean usesOutbox() {
        return sms == SmsGateway.OUTBOX || email == EmailGateway.OUTBOX;
    }

    /**
     * Every bad setting, one line each naming the property ({@code aikagi.delivery.webhook.url: …}); empty if
     * all is well.
     *
     * @param mailSenderConfigured whether Spring Boot made a mail sender (it does when {@code spring.mail.host} is set)
     */
    public List<String> problems(boolean mailSenderConfigured) {
        List<String> problems = new ArrayList<>();
        if (connectTimeout == null || !connectTimeout.isPositive()) {
            problems.add("aikagi.delivery.connect-timeout: must be positive, is " + connectTimeout);
        }
        if (readTimeout == null || !readTimeout.isPositive()) {
            problems.add("aikagi.delivery.read-timeout: must be positive, is " + readTimeout);
        }
        if (connectTimeout != null && readTimeout != null
                && connectTimeout.plus(readTimeout).compareTo(Deliveries.SEND_TIME_BUDGET) > 0) {
            // A claimed batch is worked through only while this much of the lease remains.
            problems.add("aikagi.delivery.connect-timeout + read-timeout: must be at most "
                    + Deliveries.SEND_TIME_BUDGET.toSeconds() + "s together, are " + connectTimeout.plus(readTimeout).toMillis() + " ms");
        }
        if (dispatchInterval == null || !dispatchInterval.isPositive()) {
            problems.add("aikagi.delivery.dispatch-interval: must be positive, is " + dispatchInterval);
        }
        if (sms == SmsGateway.WEBHOOK || email == EmailGateway.WEBHOOK) {
            String uses = "when " + (sms == SmsGateway.WEBHOOK ? "aikagi.delivery.sms" : "aikagi.delivery.email") + " is webhook";
            if (webhook.url() == null) {
                problems.add("aikagi.delivery.webhook.url: must be set " + uses);
            } else if (!isHttpUrl(webhook.url())) {
                problems.add("aikagi.delivery.webhook.url: must be an absolute http:// or https:// address, is '"
                        + webhook.url() + "'");
            }
            if (webhook.secret() == null || webhook.secret().isBlank()) {
                problems.add("aikagi.delivery.webhook.secret: must be set " + uses);
            } else if (webhook.secret().length() < MIN_SECRET_LENGTH) {
                problems.add("aikagi.delivery.webhook.secret: must be at least " + MIN_SECRET_LENGTH
                        + " characters, is " + webhook.secret().length());
            }
        }
        if (sms == SmsGateway.TWILIO) {
            if (blank(twilio.accountSid())) {
                problems.add("aikagi.delivery.twilio.account-sid: must be set when aikagi.delivery.sms is twilio");
            } else if (!ACCOUNT_SID.matcher(twilio.accountSid()).matches()) {
                problems.add("aikagi.delivery.twilio.account-sid: must be 'AC' and 32 hex digits, is '"
                        + twilio.accountSid() + "'");
            }
            if (blank(twilio.authToken())) {
                problems.add("aikagi.delivery.twilio.auth-token: must be set when aikagi.delivery.sms is twilio");
            }
            if (blank(twilio.fromNumber())) {
                problems.add("aikagi.delivery.twilio.from-number: must be set when aikagi.delivery.sms is twilio");
            }
            if (twilio.baseUrl() == null || !isHttpUrl(twilio.baseUrl())) {
                problems.add("aikagi.delivery.twilio.base-url: must be an absolute http:// or https:// address, is '"
                        + twilio.baseUrl() + "'");
            }
        }
        if (email == EmailGateway.SMTP) {
            if (!mailSenderConfigured) {
                problems.add("spring.mail.host: must be set when aikagi.delivery.email is smtp");
            }
            if (blank(smtp.from())) {
                problems.add("aikagi.delivery.smtp.from: must be set when aikagi.delivery.email is smtp");
            } else if (!isAddress(smtp.from())) {
                problems.add("aikagi.delivery.smtp.from: is not an email address: '" + smtp.from() + "'");
            }
        }
        return List.copyOf(problems);
    }

    /**
     * What production mode refuses besides {@link #problems}: the outbox, which reaches no one and keeps
     * codes in clear text in the database. One line per channel.
     */
    public List<String> productionProblems(AikagiProperties.Mode mode) {
        if (mode != AikagiProperties.Mode.PRODUCTION || !usesOutbox()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (sms == SmsGateway.OUTBOX) {
            problems.add("aikagi.delivery.sms: outbox is for development only: in production choose webhook or twilio");
        }
        if (email == EmailGateway.OUTBOX) {
            problems.add("aikagi.delivery.email: outbox is for development only: in production choose smtp or webhook");
        }
        return List.copyOf(problems);
    }

    /** What start-up logs: the gateways and where they send to, never a secret. */
    String describe() {
        return "sms via " + name(sms) + ", email via " + name(email)
                + (sms == SmsGateway.WEBHOOK || email == EmailGateway.WEBHOOK ? ", webhook " + withoutCredentials(webhook.url()) + " (secret <masked>)" : "")
                + (sms == SmsGateway.TWILIO ? ", twilio account " + twilio.accountSid() + " from " + twilio.fromNumber()
                        + " at " + twilio.baseUrl() + " (token <masked>)" : "")
                + (email == EmailGateway.SMTP ? ", mail from " + smtp.from() : "")
                + ", time-outs connect " + connectTimeout.toMillis() + " ms, read " + readTimeout.toMillis() + " ms";
    }

    private static String name(Enum<?> gateway) {
        return gateway.name().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isHttpUrl(URI url) {
        return url.isAbsolute() && url.getHost() != null
                && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
    }

    /** Scheme, host, port and path only: a query or user info may hold a token. */
    static String withoutCredentials(URI url) {
        if (url == null || url.getHost() == null) {
            return String.valueOf(url);
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static boolean isAddress(String address) {
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
