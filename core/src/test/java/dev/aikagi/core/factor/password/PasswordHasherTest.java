package dev.aikagi.core.factor.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.crypto.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    /** Far below OWASP's cost, to keep the tests fast; the algorithm is the same. */
    private static final Argon2Settings CHEAP = new Argon2Settings(64, 1, 1);

    private final PasswordHasher hasher = new PasswordHasher(CHEAP, TestSecrets.generator(9106));

    @Test
    void constructorWhenNullArgumentsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> new PasswordHasher(null, TestSecrets.generator(1)))
                .withMessage("settings");
        assertThatNullPointerException().isThrownBy(() -> new PasswordHasher(CHEAP, null))
                .withMessage("generator");
    }

    @Test
    void verifyWhenSamePasswordThenTrue() {
        PasswordHash stored = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery stapl", "Correct horse battery staple", "correct horse battery staple ",
            "", "correcthorsebatterystaple"})
    void verifyWhenOtherPasswordThenFalse(String attempt) {
        PasswordHash stored = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify(attempt, stored)).isFalse();
    }

    @Test
    void hashWhenSamePasswordTwiceThenDifferentSaltsAndHashes() {
        PasswordHash first = hasher.hash("correct horse battery staple");
        PasswordHash second = hasher.hash("correct horse battery staple");

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("correct horse battery staple", first)).isTrue();
        assertThat(hasher.verify("correct horse battery staple", second)).isTrue();
    }

    @Test
    void hashWhenOwaspSettingsThenPhcStringWithThoseParametersAndVerifies() {
        PasswordHasher owasp = new PasswordHasher(Argon2Settings.OWASP, TestSecrets.generator(1));

        PasswordHash stored = owasp.hash("パスワードは長いほうがいい");

        // 16-byte salt and 32-byte hash in unpadded standard Base64: 22 and 43 characters.
        assertThat(stored.encoded()).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(owasp.verify("パスワードは長いほうがいい", stored)).isTrue();
        assertThat(owasp.needsRehash(stored)).isFalse();
        assertThat(owasp.settings()).isEqualTo(new Argon2Settings(19 * 1024, 2, 1));
    }

    @Test
    void hashWhenCheapSettingsThenParametersRecordedInHash() {
        assertThat(hasher.hash("x").encoded()).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    }

    @Test
    void verifyWhenFullWidthPasswordThenMatchesHalfWidthAfterNfkc() {
        PasswordHash stored = hasher.hash("password1234");

        // What a Japanese IME left in full-width mode types for the same keys.
        assertThat(hasher.verify("ｐａｓｓｗｏｒｄ１２３４", stored)).isTrue();
        assertThat(hasher.verify("ＰＡＳＳＷＯＲＤ１２３４", stored)).isFalse();
    }

    @Test
    void verifyWhenHalfWidthKatakanaThenMatchesFullWidthKatakana() {
        PasswordHash stored = hasher.hash("パスワード");

        assertThat(hasher.verify("ﾊﾟｽﾜｰﾄﾞ", stored)).isTrue();
    }

    /**
     * Known answers from the reference implementation (Debian package {@code argon2}, 0~20190702), made with
     *
     * <pre>
     * echo -n "password" | argon2 somesaltsomesalt -id -t 2 -k 64 -p 1 -l 32 -e
     * echo -n "correct horse battery staple" | argon2 aikagi-kat-salt1 -id -t 1 -k 64 -p 1 -l 32 -e
     * echo -n "パスワード1" | argon2 aikagi-kat-salt1 -id -t 1 -k 64 -p 1 -l 32 -e
     * echo -n "password" | argon2 somesaltsomesalt -id -t 3 -k 256 -p 2 -l 32 -e
     * </pre>
     *
     * (UTF-8 terminal; {@code -e} prints the PHC string.) RFC 9106 §5.3's Argon2id vector needs a secret and
     * associated data, which PasswordHasher does not take.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "password                     | $argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
            "correct horse battery staple | $argon2id$v=19$m=64,t=1,p=1$YWlrYWdpLWthdC1zYWx0MQ$Aazi9/y2zqEWrWOkoDLsIvvVA1m4e7NhJl4EtvttIZE",
            "パスワード1                   | $argon2id$v=19$m=64,t=1,p=1$YWlrYWdpLWthdC1zYWx0MQ$UpbXTqOySyODeWHCTeSP+VVEKEOjDaXTu74yvWPRbP4",
            "パスワード１                  | $argon2id$v=19$m=64,t=1,p=1$YWlrYWdpLWthdC1zYWx0MQ$UpbXTqOySyODeWHCTeSP+VVEKEOjDaXTu74yvWPRbP4",
            "password                     | $argon2id$v=19$m=256,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$RAW5CJoqSnrdFn0R1j+OxBwkCOHY5F4CuFv0rJgQLlE",
    })
    void verifyWhenReferenceArgon2CliHashThenMatches(String password, String referenceHash) {
        PasswordHash stored = new PasswordHash(referenceHash);

        assertThat(hasher.verify(password, stored)).isTrue();
        assertThat(hasher.verify(password + "x", stored)).isFalse();
    }

    /**
     * The same reference tool at OWASP's cost:
     * {@code echo -n "password" | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e}.
     */
    @Test
    void verifyWhenReferenceArgon2CliHashAtOwaspCostThenMatches() {
        PasswordHash stored = new PasswordHash(
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE");

        assertThat(hasher.verify("password", stored)).isTrue();
        assertThat(new PasswordHasher(Argon2Settings.OWASP, TestSecrets.generator(1)).needsRehash(stored)).isFalse();
    }

    @Test
    void needsRehashWhenSameSettingsThenFalse() {
        assertThat(hasher.needsRehash(hasher.hash("correct horse battery staple"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"128, 1, 1", "64, 2, 1", "64, 1, 2", "19456, 2, 1"})
    void needsRehashWhenSettingsDifferThenTrue(int memoryKiB, int iterations, int parallelism) {
        PasswordHash stored = new PasswordHasher(new Argon2Settings(memoryKiB, iterations, parallelism),
                TestSecrets.generator(2)).hash("correct horse battery staple");

        assertThat(hasher.needsRehash(stored)).isTrue();
        // The old hash still verifies, so the login step can re-hash it with the current settings.
        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
            "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA",
            "$argon2id$v=19$t=1,m=64,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
            "$argon2id$v=19$m=4,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
            "$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
            "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E",
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$G",
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E=",
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E$",
            "$",
    })
    void verifyWhenMalformedHashThenFalseAndNeedsRehash(String encoded) {
        PasswordHash stored = new PasswordHash(encoded);

        assertThat(hasher.verify("password", stored)).isFalse();
        assertThat(hasher.needsRehash(stored)).isTrue();
    }

    /**
     * A well-formed PHC string whose hash is shorter than Argon2 can produce (RFC 9106 §3.1: tag length
     * at least 4 bytes; "AAAA" is 3). A damaged row must read as "no match", as {@link PasswordHasher#verify}
     * promises for malformed hashes, not end the login with an exception.
     */
    @Test
    void verifyWhenStoredHashShorterThanFourBytesThenFalse() {
        PasswordHash stored = new PasswordHash("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAA");

        assertThat(hasher.verify("password", stored)).isFalse();
    }

    /** A salt below RFC 9106's 8-byte minimum ("AAAA" is 3 bytes) does not match either. */
    @Test
    void verifyWhenStoredSaltShorterThanEightBytesThenFalse() {
        PasswordHash stored = new PasswordHash("$argon2id$v=19$m=64,t=1,p=1$AAAA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E");

        assertThat(hasher.verify("password", stored)).isFalse();
    }

    @Test
    void verifyAgainstDummyWhenAnyInputThenCompletesWithoutMatching() {
        assertThatNoException().isThrownBy(() -> hasher.verifyAgainstDummy("password"));
        assertThatNoException().isThrownBy(() -> hasher.verifyAgainstDummy(null));
    }

    @Test
    void verifyWhenNullArgumentsThenNamesThem() {
        PasswordHash stored = hasher.hash("x");
        assertThatNullPointerException().isThrownBy(() -> hasher.verify(null, stored)).withMessage("password");
        assertThatNullPointerException().isThrownBy(() -> hasher.verify("x", null)).withMessage("stored");
        assertThatNullPointerException().isThrownBy(() -> hasher.hash(null)).withMessage("password");
    }

    @Test
    void passwordHashWhenNotPhcThenRejectedAndToStringHidesHash() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHash("plaintext"))
                .withMessage("not a PHC-format hash");
        assertThatNullPointerException().isThrownBy(() -> new PasswordHash(null)).withMessage("encoded");

        PasswordHash stored = hasher.hash("correct horse battery staple");
        assertThat(stored.toString()).isEqualTo("PasswordHash[$argon2id$…]");
    }

    @Test
    void settingsWhenOwaspThenNineteenMibTwoPassesOneLane() {
        assertThat(Argon2Settings.OWASP).isEqualTo(new Argon2Settings(19_456, 2, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 17})
    void settingsWhenParallelismOutOfRangeThenRejected(int parallelism) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(1024, 1, parallelism))
                .withMessage("argon2 parallelism must be 1-16, was " + parallelism);
    }

    @ParameterizedTest
    @CsvSource({"7, 1", "15, 2", "127, 16", "4194305, 1", "-1, 1"})
    void settingsWhenMemoryOutOfRangeThenRejected(int memoryKiB, int parallelism) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(memoryKiB, 1, parallelism))
                .withMessage("argon2 memory must be between 8×parallelism KiB and 4 GiB, was " + memoryKiB + " KiB");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101})
    void settingsWhenIterationsOutOfRangeThenRejected(int iterations) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(1024, iterations, 1))
                .withMessage("argon2 iterations must be 1-100, was " + iterations);
    }

    @ParameterizedTest
    @CsvSource({"8, 1, 1", "16, 1, 2", "128, 100, 16", "4194304, 1, 1"})
    void settingsWhenAtBoundsThenAccepted(int memoryKiB, int iterations, int parallelism) {
        assertThat(new Argon2Settings(memoryKiB, iterations, parallelism).memoryKiB()).isEqualTo(memoryKiB);
    }

    /** Issue 15: every hash, the dummy one for an unknown account included, goes through the hash workers. */
    @Test
    void verifyWhenHashWorkersGivenThenEveryHashRunsThroughThemAndVerifiesTheSame() {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        HashWorkers counting = new HashWorkers() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public <T> T run(java.util.function.Supplier<T> hash) {
                runs.incrementAndGet();
                return hash.get();
            }
        };
        PasswordHasher pooled = new PasswordHasher(CHEAP, TestSecrets.generator(9106), counting);
        assertThat(runs.get()).as("the dummy hash is made at construction, on the caller").isZero();

        PasswordHash stored = pooled.hash("correct horse battery staple");
        boolean right = pooled.verify("correct horse battery staple", stored);
        pooled.verifyAgainstDummy("whatever");

        assertThat(right).isTrue();
        assertThat(runs.get()).isEqualTo(3);
        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
        assertThat(pooled.verify("password", new PasswordHash(
                "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E"))).isTrue();
    }

    /** Busy is not "wrong password": the refusal reaches the caller, so the server answers 503, not 401. */
    @Test
    void verifyWhenHashWorkersBusyThenHashingBusyNotFalse() {
        HashWorkers full = new HashWorkers() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public <T> T run(java.util.function.Supplier<T> hash) {
                throw new HashingBusyException("full");
            }
        };
        PasswordHasher busy = new PasswordHasher(CHEAP, TestSecrets.generator(1), full);
        PasswordHash stored = hasher.hash("correct horse battery staple");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.verify("correct horse battery staple", stored))
                .isInstanceOf(HashingBusyException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.verifyAgainstDummy("x"))
                .isInstanceOf(HashingBusyException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.hash("x")).isInstanceOf(HashingBusyException.class);
    }

    /** The same blocks serve hash after hash, at the configured cost and at another one, giving the same tags. */
    @Test
    void verifyWhenBlocksReusedAcrossCostsThenReferenceHashesStillMatch() {
        PasswordHash small = new PasswordHash(
                "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E");
        PasswordHash larger = new PasswordHash(
                "$argon2id$v=19$m=256,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$RAW5CJoqSnrdFn0R1j+OxBwkCOHY5F4CuFv0rJgQLlE");

        for (int i = 0; i < 3; i++) {
            assertThat(hasher.verify("password", small)).isTrue();
            assertThat(hasher.verify("password", larger)).isTrue();
            assertThat(hasher.verify("passwort", small)).isFalse();
        }
    }

    @Test
    void constructorWhenNullWorkersThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> new PasswordHasher(CHEAP, TestSecrets.generator(1), null))
                .withMessage("workers");
    }
}
