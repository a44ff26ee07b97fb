package dev.aikagi.server.web;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.session.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The addresses of the settings pages that several journeys link to or come back to (login, sign-up, the
 * account center, two-step methods, contacts, the step-up), so that no journey reaches into another's controller
 * for them.
 */
public final class SettingsPaths {

    /** The account choice of Password and security → Two-factor authentication. */
    public static final String TWO_FACTOR = "/settings/account-center/security/two-factor";
    /** One account's two-step methods; the id must be the session's own ({@link #owner}). */
    public static final String TWO_FACTOR_BASE = TWO_FACTOR + "/{accountId}";
    /** Where an "add account" login from the two-factor page's account choice goes on. */
    public static final String THEN_TWO_FACTOR = "two-factor";
    /** The step-up of a session that proved only the password (issue 14). */
    public static final String STEP_UP = "/settings/step-up";

    private SettingsPaths() {
    }

    public static String methodsPath(AccountId id) {
        return TWO_FACTOR + "/" + id;
    }

    /** The session, when {@code accountId} is its own account. */
    public static Optional<Session> owner(String accountId) {
        Session session = CurrentSession.required();
        return PageInputs.uuid(accountId)
                .filter(id -> id.equals(session.accountId().value()))
                .map(id -> session);
    }

    /** Back to the account choice (for an id that is not the session's own, or a malformed one). */
    public static String toChoice() {
        return "redirect:" + TWO_FACTOR;
    }

    /** Where a settings page sends a session that must prove its second factor first, coming back to {@code next}. */
    public static String stepUpFor(String next) {
        return "redirect:" + STEP_UP + "?next=" + URLEncoder.encode(SafeRedirects.settingsPath(next), StandardCharsets.UTF_8);
    }
}
