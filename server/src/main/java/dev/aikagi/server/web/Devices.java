package dev.aikagi.server.web;

import java.util.Locale;

/** A coarse, harmless description of a browser for "login from a new device" notices. */
public final class Devices {

    private Devices() {
    }

    /** "Chrome on Windows", "Safari on iPhone"…; never the raw header, which may be long or crafted. */
    public static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown browser";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = ua.contains("edg/") ? "Edge"
                : ua.contains("firefox/") ? "Firefox"
                : ua.contains("chrome/") || ua.contains("chromium/") ? "Chrome"
                : ua.contains("safari/") ? "Safari"
                : "a browser";
        String system = ua.contains("iphone") ? "iPhone"
                : ua.contains("ipad") ? "iPad"
                : ua.contains("android") ? "Android"
                : ua.contains("windows") ? "Windows"
                : ua.contains("mac os") ? "macOS"
                : ua.contains("linux") ? "Linux"
                : "an unknown system";
        return browser + " / " + system;
    }
}
