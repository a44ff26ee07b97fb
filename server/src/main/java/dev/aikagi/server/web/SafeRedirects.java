package dev.aikagi.server.web;

import java.util.regex.Pattern;

/**
 * Where a form may send the browser next. Only paths of the settings pages: never another host
 * ({@code //evil.example}, {@code /\evil.example}), never a scheme or fragment, at most one notice flag
 * as the query, so a crafted link cannot turn the password form into an open redirect.
 */
public final class SafeRedirects {

    public static final String DEFAULT = "/settings/account-center/security/two-factor";
    private static final Pattern SETTINGS_PATH = Pattern.compile("/settings(/[A-Za-z0-9_-]+)*(\\?[a-z-]+)?");

    private SafeRedirects() {
    }

    public static String settingsPath(String next) {
        if (next == null || next.length() > 200 || !SETTINGS_PATH.matcher(next).matches()) {
            return DEFAULT;
        }
        return next;
    }
}
