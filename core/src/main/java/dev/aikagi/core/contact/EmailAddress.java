package dev.aikagi.core.contact;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An email address in canonical form: NFKC, trimmed, lower-case. The check is deliberately modest
 * (one {@code @}, a dotted domain, no spaces or control characters, RFC 5321 lengths): the real test
 * is the verification code sent to it.
 */
public record EmailAddress(String value) {

    public EmailAddress {
        Objects.requireNonNull(value, "value");
    }

    public static Optional<EmailAddress> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String v = Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.length() > 254) {
            return Optional.empty();
        }
        int at = v.indexOf('@');
        if (at < 1 || at != v.lastIndexOf('@') || at > 64) {
            return Optional.empty();
        }
        String domain = v.substring(at + 1);
        if (domain.length() < 3 || !domain.contains(".") || domain.startsWith(".") || domain.endsWith(".")
                || domain.contains("..")) {
            return Optional.empty();
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '<' || c == '>' || c == ','
                    || c == ';' || c == '"' || c == '\\') {
                return Optional.empty();
            }
        }
        return Optional.of(new EmailAddress(v));
    }

    /** The address with most of the local part hidden: {@code t•••@example.com}. */
    public String masked() {
        int at = value.indexOf('@');
        return value.charAt(0) + "\u2022\u2022\u2022" + value.substring(at);
    }

    @Override
    public String toString() {
        return "EmailAddress[" + masked() + "]";
    }
}
