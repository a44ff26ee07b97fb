package dev.aikagi.core.role;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an account may do beyond its own settings. Held in the database against the account's id (issue 14,
 * point 6), granted only to accounts that exist: never decided by a username at request time, so signing
 * up with a name an operator meant for someone else grants nothing. OWASP ASVS 5 8.2.1, 8.3.1.
 */
public enum Role {
    /** May use the support console ({@code /support}). */
    SUPPORT_AGENT("support-agent"),
    /** May register OpenID Connect applications ({@code /admin/applications}). */
    ADMIN("admin");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** The stable name: stored, typed in commands ({@code --role=support-agent}) and audited. */
    public String value() {
        return value;
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.value.equals(wanted)).findFirst();
    }
}
