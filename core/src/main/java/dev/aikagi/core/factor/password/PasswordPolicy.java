package dev.aikagi.core.factor.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B-4 §3.1.1.2: at least 8 characters (15
 * recommended to users), up to {@link #MAX_LENGTH} accepted without truncation, any characters
 * (spaces and every script included), no composition rules, and not a commonly used password
 * from the blocklist nor the username itself.
 *
 * <p>Length is counted in Unicode code points after NFKC, so a Japanese passphrase is measured in
 * characters, not bytes.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    /** NIST asks to allow at least 64; the cap bounds the work an attacker can make one hash cost. */
    public static final int MAX_LENGTH = 256;

    /** Why a new password was refused; each maps to a message key. */
    public enum Problem { TOO_SHORT, TOO_LONG, COMMON, CONTAINS_USERNAME }

    private final Set<String> blocklist;

    public PasswordPolicy(Set<String> blocklist) {
        Objects.requireNonNull(blocklist, "blocklist");
        Set<String> normalised = new HashSet<>();
        for (String entry : blocklist) {
            normalised.add(fold(entry));
        }
        this.blocklist = Set.copyOf(normalised);
    }

    /** The policy with the blocklist shipped in this module ({@code common-passwords.txt}). */
    public static PasswordPolicy withBundledBlocklist() {
        return new PasswordPolicy(bundledBlocklist());
    }

    /** The entries of the blocklist shipped in this module, for adding an operator's own list to. */
    public static Set<String> bundledBlocklist() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new AssertionError("common-passwords.txt is packaged with core");
            }
            return readList(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One password per line; blank lines and lines starting with '#' are ignored. */
    public static Set<String> readList(InputStream in) throws IOException {
        Set<String> entries = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    public int blocklistSize() {
        return blocklist.size();
    }

    /** The first problem with {@code password}, or empty when it is acceptable. */
    public Optional<Problem> check(String password, String username) {
        Objects.requireNonNull(password, "password");
        String normalised = Normalizer.normalize(password, Normalizer.Form.NFKC);
        int length = normalised.codePointCount(0, normalised.length());
        if (length < MIN_LENGTH) {
            return Optional.of(Problem.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(Problem.TOO_LONG);
        }
        String folded = fold(normalised);
        if (blocklist.contains(folded)) {
            return Optional.of(Problem.COMMON);
        }
        if (username != null && username.length() >= 3 && folded.contains(fold(username))) {
            return Optional.of(Problem.CONTAINS_USERNAME);
        }
        return Optional.empty();
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
