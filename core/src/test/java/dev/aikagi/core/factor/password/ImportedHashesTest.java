package dev.aikagi.core.factor.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.crypto.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imported bcrypt and PBKDF2-SHA-256 hashes (issue 18): verified, always re-hashed, damaged ones never throw. */
class ImportedHashesTest {

    private final PasswordHasher hasher = new PasswordHasher(new Argon2Settings(64, 1, 1), TestSecrets.generator(3));

    @Test
    void verifyWhenBcryptThenRightPasswordOnlyAndNeedsRehash() {
        for (String version : new String[] {"2a", "2b", "2y"}) {
            PasswordHash hash = new PasswordHash(OpenBSDBCrypt.generate(version, "パスワード123".toCharArray(), new byte[16], 4));

            assertThat(hasher.verify("パスワード123", hash)).isTrue();
            assertThat(hasher.verify("パスワード124", hash)).isFalse();
            assertThat(hasher.needsRehash(hash)).isTrue();
            assertThat(PasswordHasher.canVerify(hash)).isTrue();
        }
    }

    @Test
    void verifyWhenPbkdf2Sha256AsKeycloakWritesItThenRightPasswordOnly() throws Exception {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("雪だるま".toCharArray(), salt, 1000, 512)).getEncoded();
        PasswordHash hash = new PasswordHash("$pbkdf2-sha256$i=1000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(key));

        assertThat(hasher.verify("雪だるま", hash)).isTrue();
        assertThat(hasher.verify("雪だるまa", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2b$04$tooshort", "$pbkdf2-sha256$i=0$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=10$!!$AAAA", "$md5$whatever", "$argon2id$v=19$m=64,t=1,p=1$$"})
    void verifyWhenDamagedOrUnknownThenFalseNeverAnException(String encoded) {
        assertThat(hasher.verify("anything", new PasswordHash(encoded))).isFalse();
    }
}
