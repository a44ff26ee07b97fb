package dev.aikagi.core.factor.backup;

import java.text.Normalizer;
import java.util.Optional;

/**
 * How backup codes look to people: 8 digits shown as {@code 1234 5678}; typed forgivingly.
 */
public final class BackupCodeFormat {

    public static final int LENGTH = 8;

    private BackupCodeFormat() {
    }

    /** {@code 12345678} → {@code 1234 5678}. */
    public static String display(String code) {
        if (code.length() != LENGTH) {
            throw new IllegalArgumentException("a backup code has " + LENGTH + " digits");
        }
        return code.substring(0, 4) + " " + code.substring(4);
    }

    /**
     * What the person meant: NFKC (so full-width {@code １２３４ ５６７８} becomes ASCII), then spaces of
     * any kind and hyphens of any kind dropped. Empty when what is left is not exactly 8 ASCII digits.
     */
    public static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(input, Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder(LENGTH);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!isSeparator(c)) {
                return Optional.empty();
            }
            if (digits.length() > LENGTH) {
                return Optional.empty();
            }
        }
        return digits.length() == LENGTH ? Optional.of(digits.toString()) : Optional.empty();
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013'
                || c == '\u2014' || c == '\u2212' || c == '\u30FC';
    }
}
