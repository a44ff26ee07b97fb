package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.server.web.Devices;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link DeliveryTexts} from {@code notifications[_ja].properties}. English is the default; a template
 * named {@code alert.*} gets the alert footer (time and the "this wasn't me" link). Times are shown in
 * the operator's zone; the device of a login ({@link Devices}) in the message's language.
 */
public final class BundleDeliveryTexts implements DeliveryTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final String issuer;
    private final String host;
    private final ZoneId zone;

    public BundleDeliveryTexts(String issuer, String publicUrl, ZoneId zone) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.host = hostOf(publicUrl);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public DeliveryText render(String template, Channel channel, String language, Map<String, String> arguments) {
        ResourceBundle bundle = bundle(language);
        Map<String, String> values = new HashMap<>(arguments);
        values.put("issuer", issuer);
        values.put("host", host);
        values.computeIfPresent("at", (k, v) -> when(v));
        values.computeIfPresent("waitingUntil", (k, v) -> when(v));
        values.computeIfPresent("device", (k, v) -> Devices.render(v, bundle::getString));
        String method = arguments.get("method");
        if (method != null && bundle.containsKey("method." + method)) {
            values.put("methodName", bundle.getString("method." + method));
        }
        boolean alert = template.startsWith("alert.");
        if (channel == Channel.SMS) {
            String body = fill(bundle.getString(template + ".sms"), values);
            if (alert) {
                body += fill(bundle.getString("alert.footer.sms"), values);
            }
            return new DeliveryText("", body);
        }
        String body = fill(bundle.getString(template + ".email"), values);
        if (alert) {
            body += fill(bundle.getString("alert.footer.email"), values);
        }
        return new DeliveryText(fill(bundle.getString(template + ".subject"), values), body);
    }

    private static ResourceBundle bundle(String language) {
        Locale locale = language != null && language.toLowerCase(Locale.ROOT).startsWith("ja") ? Locale.JAPANESE : Locale.ROOT;
        try {
            return ResourceBundle.getBundle("notifications", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("notifications bundle missing", e);
        }
    }

    private String when(String isoInstant) {
        try {
            return WHEN.format(Instant.parse(isoInstant).atZone(zone)) + " (" + zone.getId() + ")";
        } catch (DateTimeException e) {
            return isoInstant;
        }
    }

    /** Replaces {@code {name}} with the value; an unknown name stays as written, never an error. */
    static String fill(String pattern, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String hostOf(String publicUrl) {
        try {
            String h = URI.create(publicUrl).getHost();
            return h == null ? "localhost" : h;
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }
}
