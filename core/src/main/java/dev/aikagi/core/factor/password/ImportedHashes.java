package dev.aikagi.core.factor.password;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashes of other systems, kept as they came when users were imported (issue 18) and replaced by the
 * house Argon2id at the next successful login ({@link PasswordHasher#needsRehash} is true for them):
 * <ul>
 *   <li>bcrypt, {@code $2a$}, {@code $2b$} or {@code $2y$} (Authelia, many others);</li>
 *   <li>PBKDF2-HMAC-SHA-256 (RFC 8018 §5.2; Keycloak's default before version 24), written
 *       {@code $pbkdf2-sha256$i=<iterations>$<salt>$<hash>} with standard Base64 (padding optional).</li>
 * </ul>
 * Argon2id PHC strings from elsewhere are read by {@link PasswordHasher} itself.
 */
final class ImportedHashes {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern PBKDF2 = Pattern.compile(
            "\\$pbkdf2-sha256\\$i=(\\d{1,7})\\$([A-Za-z0-9+/]+=*)\\$([A-Za-z0-9+/]+=*)");

    private ImportedHashes() {
    }

    static boolean recognised(String encoded) {
        return BCRYPT.matcher(encoded).matches() || PBKDF2.matcher(encoded).matches();
    }

    /** Whether {@code password} matches; false for anything unrecognised or damaged (never an exception). */
    static boolean verify(String password, String encoded) {
        if (BCRYPT.matcher(encoded).matches()) {
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            // bcrypt reads at most 72 bytes; OpenBSDBCrypt refuses longer ones, which then never match.
            if (bytes.length > 72) {
                return false;
            }
            try {
                return OpenBSDBCrypt.checkPassword(encoded, password.toCharArray());
            } catch (RuntimeException damaged) {
                return false;
            }
        }
        Matcher m = PBKDF2.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(m.group(1));
            byte[] salt = Base64.getDecoder().decode(m.group(2));
            byte[] expected = Base64.getDecoder().decode(m.group(3));
            if (iterations < 1 || salt.length == 0 || expected.length < 16 || expected.length > 128) {
                return false;
            }
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, expected.length * 8);
            try {
                byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                boolean same = MessageDigest.isEqual(actual, expected);
                Arrays.fill(actual, (byte) 0);
                return same;
            } finally {
                spec.clearPassword();
            }
        } catch (IllegalArgumentException | GeneralSecurityException damaged) {
            return false;
        }
    }
}
