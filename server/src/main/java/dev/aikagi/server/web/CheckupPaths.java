package dev.aikagi.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Paths of the security checkup and the account's own pages (issue 17) that one journey links to and another
 * serves: the login sends a person whose account is about to be deleted to {@link #DELETION_PENDING} before it
 * goes on.
 */
public final class CheckupPaths {

    public static final String SECURITY = "/settings/account-center/security";
    public static final String CHECKUP = SECURITY + "/checkup";
    public static final String PASSWORD = SECURITY + "/password";
    public static final String DELETE = SECURITY + "/delete";
    /** Shown after a login while the account's deletion is pending; {@code ?next=} says where the login goes on. */
    public static final String DELETION_PENDING = "/settings/deletion-pending";
    /** Where a login an application asked for goes on (the login journey's own path). */
    public static final String CONTINUE_TO_APPLICATION = "/login/continue";

    private CheckupPaths() {
    }

    /** The pending-deletion page, going on to {@code next} afterwards. */
    public static String deletionPending(String next) {
        return DELETION_PENDING + "?next=" + URLEncoder.encode(next(next), StandardCharsets.UTF_8);
    }

    /** Where a page after login may go on to: back to the application, or a settings page; nothing else. */
    public static String next(String next) {
        if (CONTINUE_TO_APPLICATION.equals(next)) {
            return next;
        }
        return next == null || next.isEmpty() ? "/settings" : SafeRedirects.settingsPath(next);
    }
}
