package dev.aikagi.demo;

import java.util.List;
import java.util.Map;

/**
 * The {@code amr} values Aikagi puts in ID tokens (RFC 8176 names where there is one; {@code mfa} is added
 * when the login used two factors), in words a person reads. {@code acr} is {@code aal1} (password only) or {@code aal2} (password and a second factor),
 * after NIST SP 800-63B's authenticator assurance levels.
 */
final class AuthenticationMethods {

    private static final Map<String, String> WORDS = Map.of(
            "pwd", "password",
            "otp", "authenticator app",
            "sms", "text message",
            "backup_code", "backup code",
            "mfa", "(more than one factor)");

    private static final Map<String, String> LEVELS = Map.of(
            "aal1", "password only",
            "aal2", "two-step verification");

    private AuthenticationMethods() {
    }

    /** One factor of the login: the claim's value and what it means. */
    record Method(String code, String words) {
    }

    static List<Method> describe(List<String> amr) {
        if (amr == null) {
            return List.of();
        }
        return amr.stream().map(code -> new Method(code, WORDS.getOrDefault(code, "other (" + code + ")"))).toList();
    }

    static String level(String acr) {
        if (acr == null) {
            return "not stated";
        }
        return LEVELS.getOrDefault(acr, "unknown level");
    }
}
