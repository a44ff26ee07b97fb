package dev.aikagi.testkit;

import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The authenticator app of a test person: holds the key Aikagi showed at enrolment and shows the code of the
 * moment its {@link Clock} reads (RFC 6238, computed by the core's own {@link Totp}, default parameters: SHA-1,
 * 6 digits, 30 s).
 */
public final class Authenticator {

    private static final TotpParameters TOTP = TotpParameters.DEFAULT;

    private final byte[] key;
    private final Clock clock;

    /**
     * @param secret the key as Aikagi shows it: Base32, grouped with spaces or not
     * @param clock  what the app reads the time from
     */
    public Authenticator(String secret, Clock clock) {
        this(key(secret), clock);
    }

    public Authenticator(byte[] key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key").clone();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The app on this machine's clock. */
    public static Authenticator of(String secret) {
        return new Authenticator(secret, Clock.systemUTC());
    }

    /** The code shown now (at the clock's instant). */
    public String code() {
        return codeAt(clock.instant());
    }

    /** The code shown at {@code at}. */
    public String codeAt(Instant at) {
        return Totp.codeAt(key, at, TOTP);
    }

    /** The code of time step {@code step} (RFC 6238 §4: the HOTP counter). */
    public String codeOfStep(long step) {
        return Totp.hotp(key, step, TOTP.algorithm(), TOTP.digits());
    }

    /** The time step the clock is in now. */
    public long step() {
        return stepAt(clock.instant());
    }

    /** The time step of {@code at}. */
    public static long stepAt(Instant at) {
        return Totp.stepAt(at, TOTP.periodSeconds());
    }

    /** The key, decoded. */
    public byte[] key() {
        return key.clone();
    }

    /** The code an app holding {@code secret} (Base32, spaces allowed) shows at {@code at}. */
    public static String codeAt(String secret, Instant at) {
        return Totp.codeAt(key(secret), at, TOTP);
    }

    /** The code an app holding {@code key} shows at {@code at}. */
    public static String codeAt(byte[] key, Instant at) {
        return Totp.codeAt(key, at, TOTP);
    }

    /** A Base32 secret as shown (spaces allowed), decoded. */
    public static byte[] key(String secret) {
        Objects.requireNonNull(secret, "secret");
        return Base32.decode(secret.replace(" ", "")).orElseThrow(() -> new AssertionError("not Base32: " + secret));
    }
}
