package dev.aikagi.server.web;

import dev.aikagi.core.settings.TimeZoneRepository;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one place that decides in which time zone a request's times are shown (issue 17: a Japanese page said
 * "23:37 UTC"), in this order:
 * <ol>
 *   <li>the zone the signed-in person chose on the security page ({@link TimeZoneRepository}, looked up once per
 *       request and kept in the {@link #CHOSEN} request attribute);</li>
 *   <li>the zone the browser reports: {@code app.js} writes {@code Intl.DateTimeFormat().resolvedOptions().timeZone}
 *       into the {@value #COOKIE} cookie; only an IANA region id this JDK knows is taken;</li>
 *   <li>the usual zone of the page's language ({@code Asia/Tokyo} for Japanese);</li>
 *   <li>the operator's {@code aikagi.time-zone} (else the server's).</li>
 * </ol>
 * Every time a page shows goes through {@link PageFormats}, which asks here, and names the zone.
 */
public final class PageZones {

    /** The cookie {@code app.js} writes the browser's zone into. */
    public static final String COOKIE = "aikagi_tz";

    /** The request attribute holding the zone the signed-in person chose, when they chose one. */
    public static final String CHOSEN = PageZones.class.getName() + ".chosen";
    private static final String NONE = "none";

    private static final Map<String, ZoneId> USUAL = Map.of(
            "ja", ZoneId.of("Asia/Tokyo"),
            "ko", ZoneId.of("Asia/Seoul"));
    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private static final List<String> CHOICES = regionIds();

    private final ZoneId operatorZone;
    private final Optional<TimeZoneRepository> chosenZones;

    /** Without zones chosen by accounts (tests, tools). */
    public PageZones(ZoneId operatorZone) {
        this.operatorZone = Objects.requireNonNull(operatorZone, "operatorZone");
        this.chosenZones = Optional.empty();
    }

    public PageZones(ZoneId operatorZone, TimeZoneRepository chosenZones) {
        this.operatorZone = Objects.requireNonNull(operatorZone, "operatorZone");
        this.chosenZones = Optional.of(Objects.requireNonNull(chosenZones, "chosenZones"));
    }

    private static List<String> regionIds() {
        // Region ids only (Asia/Tokyo), not the legacy aliases (Japan, SystemV/…) or fixed offsets (Etc/GMT+9).
        return KNOWN.stream()
                .filter(id -> id.indexOf('/') > 0 && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
                .filter(id -> Character.isUpperCase(id.charAt(0)) && !id.startsWith("US/") && !id.startsWith("Canada/")
                        && !id.startsWith("Brazil/") && !id.startsWith("Mexico/") && !id.startsWith("Chile/"))
                .sorted()
                .toList();
    }

    /** The zones a person may choose on the security page, sorted: IANA region ids. */
    public List<String> choices() {
        return CHOICES;
    }

    /** The id of the zone the signed-in person chose, or "" (the security page's selected option). */
    public String chosenId() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return chosen(servlet.getRequest()).map(ZoneId::getId).orElse("");
        }
        return "";
    }

    /** The zone the page's times are in now, named for the security page ("Asia/Tokyo"). */
    public String currentId() {
        return current(org.springframework.context.i18n.LocaleContextHolder.getLocale()).getId();
    }

    /** The zone of the current request (none outside a request: the language's, else the operator's). */
    public ZoneId current(Locale locale) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return of(servlet.getRequest(), locale);
        }
        return usual(locale).orElse(operatorZone);
    }

    public ZoneId of(HttpServletRequest request, Locale locale) {
        return chosen(request).or(() -> browserZone(request)).or(() -> usual(locale)).orElse(operatorZone);
    }

    /** The zone the signed-in person chose, looked up once per request. */
    private Optional<ZoneId> chosen(HttpServletRequest request) {
        Object known = request.getAttribute(CHOSEN);
        if (known instanceof ZoneId zone) {
            return Optional.of(zone);
        }
        if (NONE.equals(known) || chosenZones.isEmpty()) {
            return Optional.empty();
        }
        Optional<ZoneId> chosen = CurrentSession.get().flatMap(s -> chosenZones.get().find(s.accountId()));
        request.setAttribute(CHOSEN, chosen.<Object>map(z -> z).orElse(NONE));
        return chosen;
    }

    /** The zone in the {@value #COOKIE} cookie, if it is one. */
    static Optional<ZoneId> browserZone(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return parse(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * An IANA zone id ({@code Asia/Tokyo}, {@code UTC}) this JDK knows, else empty: never an offset or a made-up
     * name, which {@link ZoneId#of} would take or throw on. The script URL-encodes it ({@code Asia%2FTokyo}).
     */
    public static Optional<ZoneId> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return Optional.empty();
        }
        String id;
        try {
            id = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return KNOWN.contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
    }

    /** The zone most readers of {@code locale}'s language live in, if one is usual. */
    static Optional<ZoneId> usual(Locale locale) {
        return Optional.ofNullable(locale == null ? null : USUAL.get(locale.getLanguage()));
    }
}
