package dev.aikagi.core.factor.password;

import dev.aikagi.core.crypto.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (RFC 9106) with Bouncy Castle, stored in PHC string format so the
 * parameters travel with each hash and can be raised later: {@link #needsRehash} tells the login
 * step to re-hash with the configured parameters once the password is known to be right.
 *
 * <p>Passwords are NFKC-normalised before hashing (NIST SP 800-63B-4 §3.1.1.2), so a password typed
 * with a Japanese IME in full-width form matches the same password typed in half-width.
 *
 * <p>Every hash runs through {@link HashWorkers} (the server's: a few dedicated threads with a bounded queue), and
 * the Argon2 memory blocks come from a pool of the hashing thread's own, sized for one hash, so a steady
 * stream of logins on the hash workers reuses the same blocks instead of allocating the memory cost (19 MiB by
 * default) per hash. One pool per thread, not one shared: Bouncy Castle's pool locks for every 1-KiB block, and a
 * shared one doubled the CPU of a login under load (36 against 76–91 CPU-ms measured).
 * Bouncy Castle zeroes each block before it goes back to the pool.
 */
public final class PasswordHasher {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Argon2Settings settings;
    private final SecretGenerator generator;
    private final HashWorkers workers;
    private final ThreadLocal<Argon2BytesGenerator.BlockPool> blocks;
    private final PasswordHash dummy;

    /** Hashes on the calling thread. */
    public PasswordHasher(Argon2Settings settings, SecretGenerator generator) {
        this(settings, generator, HashWorkers.callerThread());
    }

    public PasswordHasher(Argon2Settings settings, SecretGenerator generator, HashWorkers workers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.workers = Objects.requireNonNull(workers, "workers");
        // Enough blocks for one hash at the configured cost, per hashing thread (the hash workers: a fixed few);
        // a hash with a higher cost (an old row) allocates the rest, and the pool keeps no more than this.
        int perHash = Argon2BytesGenerator.getBlockCount(settings.memoryKiB(), settings.parallelism());
        this.blocks = ThreadLocal.withInitial(() -> new Argon2BytesGenerator.FixedBlockPool(perHash));
        // Verified against when the account does not exist, so that a wrong username costs the same
        // hash as a wrong password and response time does not reveal which accounts exist. Its digest is
        // random bytes, not the hash of anything: verifying runs the same Argon2id at the same cost, and no
        // password matches it — without spending a hash (0.3–0.9 s) at every start.
        this.dummy = format(settings, generator.bytes(SALT_LENGTH), generator.bytes(HASH_LENGTH));
    }

    public Argon2Settings settings() {
        return settings;
    }

    public PasswordHash hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = generator.bytes(SALT_LENGTH);
        byte[] out = workers.run(() -> argon2(settings, salt, password, HASH_LENGTH));
        return format(settings, salt, out);
    }

    private static PasswordHash format(Argon2Settings s, byte[] salt, byte[] out) {
        return new PasswordHash("$argon2id$v=19$m=" + s.memoryKiB() + ",t=" + s.iterations()
                + ",p=" + s.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out));
    }

    /** Whether {@code password} is the one behind {@code stored}; a malformed hash never matches. */
    public boolean verify(String password, PasswordHash stored) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(stored, "stored");
        Optional<Parsed> parsed = parse(stored);
        if (parsed.isEmpty()) {
            // An imported bcrypt or PBKDF2 hash (issue 18), re-hashed after this login (needsRehash).
            return ImportedHashes.recognised(stored.encoded())
                    && workers.run(() -> ImportedHashes.verify(password, stored.encoded()));
        }
        Parsed p = parsed.get();
        byte[] actual = workers.run(() -> argon2(p.settings, p.salt, password, p.hash.length));
        return MessageDigest.isEqual(actual, p.hash);
    }

    /**
     * Spends the same work as {@link #verify} on a hash nobody knows the password of. Call it when the
     * account is unknown, then answer exactly as for a wrong password.
     */
    public void verifyAgainstDummy(String password) {
        verify(password == null ? "" : password, dummy);
    }

    /** Whether the hash was made with parameters other than the configured ones. */
    /**
     * Whether {@link #verify} can check passwords against {@code stored}: an Argon2id PHC string, or an imported
     * bcrypt or PBKDF2-SHA-256 hash (issue 18).
     */
    public static boolean canVerify(PasswordHash stored) {
        return parse(stored).isPresent() || ImportedHashes.recognised(stored.encoded());
    }

    public boolean needsRehash(PasswordHash stored) {
        return parse(stored).map(p -> !p.settings.equals(settings)).orElse(true);
    }

    private static Optional<Parsed> parse(PasswordHash stored) {
        Matcher m = PHC.matcher(stored.encoded());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Argon2Settings s = new Argon2Settings(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            byte[] salt = B64D.decode(m.group(4));
            byte[] hash = B64D.decode(m.group(5));
            // RFC 9106 §3.1: salts of at least 8 bytes, tags of at least 4. A damaged row is a wrong
            // password, never an error in the middle of a login.
            if (salt.length < 8 || hash.length < 4 || hash.length > 64) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(s, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] argon2(Argon2Settings s, byte[] salt, String password, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(s.memoryKiB())
                .withIterations(s.iterations())
                .withParallelism(s.parallelism())
                .withSalt(salt)
                .withBlockPool(blocks.get())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private record Parsed(Argon2Settings settings, byte[] salt, byte[] hash) {
    }
}
