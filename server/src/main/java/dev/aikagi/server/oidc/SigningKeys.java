package dev.aikagi.server.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.SecretUnavailableException;
import dev.aikagi.server.properties.Resealable;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The keys that sign tokens, kept in the database so every node signs with the same key and publishes the
 * same JWKS. The newest key signs; when it is older than the key lifetime any node makes a new one, and
 * the older keys stay published until their {@code retire_at} so that what they signed keeps verifying.
 * Private keys are sealed with the encryption key ring, like TOTP secrets.
 *
 * <p>Read at most once a minute per node; a rotation shows on every node within that minute.
 */
public final class SigningKeys implements JWKSource<SecurityContext>, Resealable {

    private static final Duration CACHE = Duration.ofMinutes(1);
    private static final String AAD = "oidc_signing_key";

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final SecretGenerator generator;
    private final Clock clock;
    private final Duration keyLifetime;
    private final Duration publishedAfter;

    private volatile Loaded loaded;

    private record Loaded(List<RSAKey> keys, Instant at) {
    }

    /**
     * @param keyLifetime how long a key is the signing key
     * @param publishedAfter how long a replaced key stays in the JWKS (the longest a token it signed lives)
     */
    public SigningKeys(JdbcTemplate jdbc, SecretCipher cipher, SecretGenerator generator, Clock clock,
                       Duration keyLifetime, Duration publishedAfter) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyLifetime = Objects.requireNonNull(keyLifetime, "keyLifetime");
        this.publishedAfter = Objects.requireNonNull(publishedAfter, "publishedAfter");
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(new JWKSet(List.copyOf(keys())));
    }

    /** The key id that signs now (the newest key), making a key first when none is current. */
    public String currentKeyId() {
        return current().getKeyID();
    }

    /** Every published key, newest first. */
    public List<RSAKey> keys() {
        Loaded snapshot = loaded;
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.at().plus(CACHE)) || snapshot.keys().isEmpty()
                || isDue(snapshot.keys().getFirst(), now)) {
            snapshot = new Loaded(load(now), now);
            if (snapshot.keys().isEmpty() || isDue(snapshot.keys().getFirst(), now)) {
                insert(now);
                snapshot = new Loaded(load(now), now);
            }
            loaded = snapshot;
        }
        return snapshot.keys();
    }

    /** Makes a new signing key at once (the old ones stay published); for operators and tests. */
    public String rotate() {
        Instant now = clock.instant();
        String kid = insert(now);
        loaded = new Loaded(load(now), now);
        return kid;
    }

    /**
     * Seals every stored key again under the current encryption key (the key rotation command). Each row is
     * written only if it still holds what was read, so it is safe beside serving nodes and to run again.
     */
    @Override
    public Resealed resealUnderCurrentKey() {
        int done = 0;
        int failed = 0;
        var rows = jdbc.queryForList("select kid, sealed_jwk from oidc_signing_key");
        for (var row : rows) {
            String kid = (String) row.get("kid");
            String sealed = (String) row.get("sealed_jwk");
            if (!cipher.isStale(sealed)) {
                continue;
            }
            byte[] plain;
            try {
                plain = cipher.open(sealed, AAD + ":" + kid);
            } catch (SecretUnavailableException e) {
                failed++;
                continue;
            }
            try {
                done += jdbc.update("update oidc_signing_key set sealed_jwk = ? where kid = ? and sealed_jwk = ?",
                        cipher.seal(plain, AAD + ":" + kid), kid, sealed);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        loaded = null;
        return new Resealed(done, failed);
    }

    private RSAKey current() {
        return keys().getFirst();
    }

    private boolean isDue(RSAKey newest, Instant now) {
        Instant issued = newest.getIssueTime() == null ? Instant.EPOCH : newest.getIssueTime().toInstant();
        return !now.isBefore(issued.plus(keyLifetime));
    }

    private List<RSAKey> load(Instant now) {
        return jdbc.query("select kid, sealed_jwk, created_at from oidc_signing_key where retire_at > ? "
                                + "order by created_at desc, kid desc",
                (rs, row) -> open(rs.getString("kid"), rs.getString("sealed_jwk")), Timestamp.from(now))
                .stream().sorted(Comparator.comparing((RSAKey k) -> k.getIssueTime()).reversed()
                        .thenComparing(RSAKey::getKeyID, Comparator.reverseOrder()))
                .toList();
    }

    private RSAKey open(String kid, String sealed) {
        try {
            return RSAKey.parse(new String(cipher.open(sealed, AAD + ":" + kid), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + kid + " is not a JWK", e);
        }
    }

    private String insert(Instant now) {
        String kid = HexFormat.of().formatHex(generator.bytes(8));
        RSAKey key = generate(kid, now);
        // The newest key signs for keyLifetime, then stays published while what it signed can be in use.
        Instant retireAt = now.plus(keyLifetime).plus(publishedAfter);
        jdbc.update("insert into oidc_signing_key (kid, sealed_jwk, created_at, retire_at) values (?, ?, ?, ?)",
                kid, cipher.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), AAD + ":" + kid),
                Timestamp.from(now), Timestamp.from(retireAt));
        return kid;
    }

    private RSAKey generate(String kid, Instant now) {
        try {
            KeyPairGenerator pairs = KeyPairGenerator.getInstance("RSA");
            pairs.initialize(2048, generator.secureRandom());
            var pair = pairs.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(now)).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
