package dev.aikagi.server.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ua_parser.Parser;

/**
 * A coarse, harmless description of the device a login came from, for "login from a new device" notices
 * and the support case page.
 *
 * <p>{@link #describe} reads the {@code User-Agent} header (RFC 9110 §10.1.5) with the ua-parser project's
 * regular expressions (uap-java) and keeps a language-neutral pair of short, stable names, such as
 * {@code chrome/windows}; {@link #render} puts it into the reader's language at render time ("Windows の
 * Chrome", "Chrome on Windows"). Only names from a fixed list are kept: the header is chosen by whoever
 * logs in, so no part of it (such as a made-up bot name) ever reaches a notice. The header is read only up
 * to {@link #MAX_USER_AGENT} characters, once per login.
 *
 * <p>What older versions stored (an English description such as {@code Chrome / Windows}) is shown as it
 * is; {@code app} is what the JSON API's logins store.
 */
public final class Devices {

    /** The longest prefix of the header that is parsed: real ones are shorter, crafted ones cost time. */
    static final int MAX_USER_AGENT = 512;
    /** What the JSON API stores for its logins (the app installation, not a browser). */
    public static final String APP = "app";
    /** The message keys {@link #render} looks up, in {@code notifications*} and {@code messages*}. */
    static final List<String> KEYS = List.of("device.on", "device.browser.unknown", "device.system.unknown",
            "device.unknown", "device.app");

    private static final String UNKNOWN = "unknown";
    private static final Pattern STORED = Pattern.compile("([a-z]+)/([a-z]+)");

    private Devices() {
    }

    /** Browsers named in descriptions, with the ua-parser families that count as each. */
    enum Browser {
        CHROME("Chrome", "Chrome", "Chrome Mobile", "Chrome Mobile iOS", "Chromium"),
        EDGE("Edge", "Edge", "Edge Mobile"),
        FIREFOX("Firefox", "Firefox", "Firefox Mobile", "Firefox iOS"),
        SAFARI("Safari", "Safari", "Mobile Safari"),
        OPERA("Opera", "Opera", "Opera Mobile"),
        SAMSUNG("Samsung Internet", "Samsung Internet"),
        VIVALDI("Vivaldi", "Vivaldi"),
        YANDEX("Yandex Browser", "Yandex Browser");

        final String shown;
        final Set<String> families;

        Browser(String shown, String... families) {
            this.shown = shown;
            this.families = Set.of(families);
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Browser> ofFamily(String family) {
            return Arrays.stream(values()).filter(b -> b.families.contains(family)).findFirst();
        }
    }

    /** Systems named in descriptions, with the ua-parser OS families (iPhone and iPad by device family). */
    enum Platform {
        WINDOWS("Windows", "Windows"),
        MACOS("macOS", "Mac OS X", "macOS"),
        IPHONE("iPhone"),
        IPAD("iPad"),
        IOS("iOS", "iOS"),
        ANDROID("Android", "Android"),
        CHROMEOS("ChromeOS", "Chrome OS"),
        LINUX("Linux", "Linux", "Ubuntu", "Debian", "Fedora", "Red Hat", "Linux Mint", "openSUSE", "Arch Linux");

        final String shown;
        final Set<String> families;

        Platform(String shown, String... families) {
            this.shown = shown;
            this.families = Set.of(families);
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Platform> of(String osFamily, String deviceFamily) {
            if ("iOS".equals(osFamily) && "iPhone".equals(deviceFamily)) {
                return Optional.of(IPHONE);
            }
            if ("iOS".equals(osFamily) && "iPad".equals(deviceFamily)) {
                return Optional.of(IPAD);
            }
            return Arrays.stream(values()).filter(s -> s.families.contains(osFamily)).findFirst();
        }
    }

    /** The parser is built on the first login (0.4–0.8 s, 1.5 MB of heap), not at start-up. */
    private static final class Holder {
        static final Parser PARSER = new Parser();
    }

    /**
     * Descriptions of the headers seen lately. A parse costs about 1 ms of CPU, a login's largest share after
     * the password hash, while the browsers signing in to one service send few distinct headers. Bounded: at
     * {@link #CACHED} entries it starts afresh, so crafted headers cost at most their parse and the space of
     * this many bounded strings.
     */
    static final int CACHED = 1024;

    private static final Map<String, String> DESCRIBED = new ConcurrentHashMap<>();

    /**
     * The language-neutral description of the browser that sent {@code userAgent}: {@code browser/system}
     * in lower case, each {@code unknown} when it is not one of the named ones ({@code unknown/unknown} for
     * a missing header, a bot or a command-line client). Never any other part of the header.
     */
    public static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN + "/" + UNKNOWN;
        }
        String bounded = userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        String known = DESCRIBED.get(bounded);
        if (known != null) {
            return known;
        }
        if (DESCRIBED.size() >= CACHED) {
            DESCRIBED.clear();
        }
        String described = parse(bounded);
        DESCRIBED.put(bounded, described);
        return described;
    }

    private static String parse(String bounded) {
        Parser parser = Holder.PARSER;
        String osFamily = parser.parseOS(bounded).family;
        String browser = Browser.ofFamily(parser.parseUserAgent(bounded).family).map(Browser::code).orElse(UNKNOWN);
        String deviceFamily = "iOS".equals(osFamily) ? parser.parseDevice(bounded).family : "";
        String system = Platform.of(osFamily, deviceFamily).map(Platform::code).orElse(UNKNOWN);
        return browser + "/" + system;
    }

    /**
     * {@code stored} in the reader's language, with the texts {@code text} gives for {@link #KEYS}:
     * {@code device.on} with {@code {browser}} and {@code {system}} filled in, the unknown parts as
     * {@code device.browser.unknown} and {@code device.system.unknown}, nothing known as
     * {@code device.unknown}, {@link #APP} as {@code device.app}. Anything else (what older versions
     * stored) is returned as it is.
     */
    public static String render(String stored, Function<String, String> text) {
        Objects.requireNonNull(text, "text");
        if (stored == null) {
            return "";
        }
        if (APP.equals(stored)) {
            return text.apply("device.app");
        }
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            return stored;
        }
        Optional<Browser> browser = parse(Browser.values(), m.group(1));
        Optional<Platform> system = parse(Platform.values(), m.group(2));
        if ((browser.isEmpty() && !UNKNOWN.equals(m.group(1))) || (system.isEmpty() && !UNKNOWN.equals(m.group(2)))) {
            return stored;
        }
        if (browser.isEmpty() && system.isEmpty()) {
            return text.apply("device.unknown");
        }
        String browserName = browser.map(b -> b.shown).orElseGet(() -> text.apply("device.browser.unknown"));
        String systemName = system.map(s -> s.shown).orElseGet(() -> text.apply("device.system.unknown"));
        return text.apply("device.on").replace("{browser}", browserName).replace("{system}", systemName);
    }

    private static <E extends Enum<E>> Optional<E> parse(E[] values, String code) {
        return Arrays.stream(values).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(code)).findFirst();
    }
}
