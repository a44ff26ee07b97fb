package dev.aikagi.core.factor.totp;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The names owners give their authenticator apps ("work phone", "仕事用スマホ"): NFC, control and format characters
 * dropped, runs of white space made one space, trimmed; at most {@link #MAX_LENGTH} characters (code points).
 * No name at all is the empty name, which pages show as "Authenticator app" in the reader's language.
 */
public final class AuthenticatorNames {

    /** The longest name, in code points. */
    public static final int MAX_LENGTH = 40;

    private AuthenticatorNames() {
    }

    /** The stored form of {@code input}, or empty when it is too long. Null and blank give "". */
    public static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.of("");
        }
        String s = Normalizer.normalize(input, Normalizer.Form.NFC)
                .replaceAll("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]", " ")
                .replaceAll("(?U)\\s+", " ")
                .strip();
        return s.codePointCount(0, s.length()) <= MAX_LENGTH ? Optional.of(s) : Optional.empty();
    }
}
