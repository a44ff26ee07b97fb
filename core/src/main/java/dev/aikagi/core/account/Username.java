package dev.aikagi.core.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Canonical login names: NFKC-normalised (so full-width Ｔａｒｏ and Taro are one name), trimmed and
 * lower-cased, 3–64 characters of letters, digits and {@code . _ - @ +}. Uniqueness is decided on
 * the canonical form, so two accounts can never differ only by width or case.
 */
public final class Username {

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}._@+-]{3,64}");

    private Username() {
    }

    /** The canonical form, or empty when the input cannot be a username. */
    public static Optional<String> canonical(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return ALLOWED.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
