package dev.aikagi.server.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as people read them in their language, in their zone and named with it: "1:05 PM JST" or "13:05 JST",
 * "Mar 3, 2026, 1:05 PM JST" or "2026/03/03 13:05 JST". Which zone is decided per request by {@link PageZones}
 * (issue 17): the one the person chose, the browser's, the language's usual one, else the operator's
 * {@code aikagi.time-zone}.
 */
@Component
public final class PageFormats {

    private final Function<Locale, ZoneId> zones;

    /** In the zone {@code zones} decides for each request. */
    @Autowired
    public PageFormats(PageZones zones) {
        this.zones = java.util.Objects.requireNonNull(zones, "zones")::current;
    }

    /** Always in {@code zone}. */
    public PageFormats(ZoneId zone) {
        java.util.Objects.requireNonNull(zone, "zone");
        this.zones = locale -> zone;
    }

    /** The time of day with the zone's short name, so a reader elsewhere is not misled: "1:05 PM JST". */
    public String time(Instant instant, Locale locale) {
        ZoneId zone = zones.apply(locale);
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone).format(instant)
                + " " + zoneName(zone, locale, instant);
    }

    public String dateTime(Instant instant, Locale locale) {
        ZoneId zone = zones.apply(locale);
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(instant) + " " + zoneName(zone, locale, instant);
    }

    /** ISO-8601 to the second, for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone())
                .format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The zone's short name at {@code instant} ("JST", "EST" or "EDT", "UTC"), as Japanese sites name it too: the
     * generic short name CLDR gives Japanese readers for Tokyo is "GMT+09:00", and English readers "JT".
     */
    private static String zoneName(ZoneId zone, Locale locale, Instant instant) {
        return DateTimeFormatter.ofPattern("z", locale).withZone(zone).format(instant);
    }

    /** The zone of the current request, read in {@code locale}'s language. */
    public ZoneId zone(Locale locale) {
        return zones.apply(locale);
    }

    /** The zone of the current request, in its language. */
    public ZoneId zone() {
        return zones.apply(LocaleContextHolder.getLocale());
    }
}
