package dev.aikagi.server.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Times as people read them in their language, in the operator's zone ({@code aikagi.time-zone}, else the
 * server's) and named with it (the pages do not know the browser's zone without script): "1:05 PM JST" or "13:05 JST",
 * "Mar 3, 2026, 1:05 PM JST" or "2026/03/03 13:05 JST".
 */
@Component
public final class PageFormats {

    private final ZoneId zone;

    @Autowired
    public PageFormats(dev.aikagi.server.properties.AikagiProperties properties) {
        this(properties.displayZone());
    }

    public PageFormats(ZoneId zone) {
        this.zone = java.util.Objects.requireNonNull(zone, "zone");
    }

    /** The time of day with the zone's short name, so a reader elsewhere is not misled: "1:05 PM JST". */
    public String time(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone).format(instant)
                + " " + zoneName(locale);
    }

    public String dateTime(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(instant) + " " + zoneName(locale);
    }

    /** ISO-8601 to the second, for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone).format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private String zoneName(Locale locale) {
        return zone.getDisplayName(TextStyle.SHORT, locale);
    }

    public ZoneId zone() {
        return zone;
    }
}
