package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.crypto.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises the browsers (and apps) an account logs in from, by a long-lived random device value the
 * client keeps (a cookie, or the {@code Aikagi-Device} header of the mobile app). A login from a device
 * the account has not seen is audited as {@link AuditType#LOGIN_NEW_DEVICE}, which notifies the owner.
 * Only hashes are stored.
 *
 * <p>A device that completed a full login to an account in the last {@link #BINDING_LIFETIME} is bound to
 * it and keeps an attempt budget of its own (OWASP "Slow Down Online Guessing Attacks with Device Cookies";
 * NIST SP 800-63B-4 §3.2.2: failures from elsewhere must not lock the owner out). The device value is a
 * secret: the binding stores only SHA-256 of the account and the value together, so one device value
 * (chosen by an app, perhaps reused) binds one account only, and a value is bound only by a full login.
 * Only {@link #isStrong strong} values are bound.
 */
public final class KnownDevices {

    /** How long after its last full login a device keeps its own budget. */
    public static final Duration BINDING_LIFETIME = Duration.ofDays(30);

    /** What {@link #newToken} makes: 24 random bytes (192 bits), base64url without padding. */
    private static final Pattern SERVER_TOKEN = Pattern.compile("[A-Za-z0-9_-]{32}");
    /** At least 22 characters (128 bits as base64url), printable ASCII without spaces, at most 128. */
    private static final Pattern STRONG = Pattern.compile("[\\x21-\\x7e]{22,128}");

    private final KnownDeviceRepository repository;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Clock clock;

    public KnownDevices(KnownDeviceRepository repository, SecretGenerator generator, Auditor audit, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new device token for a client that has none: 192 random bits. */
    public String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(24));
    }

    /** Whether {@code token} has the shape of a {@link #newToken} (pages replace any other device cookie). */
    public static boolean isServerToken(String token) {
        return token != null && SERVER_TOKEN.matcher(token).matches();
    }

    /**
     * Whether {@code token} is long enough to be bound to an account (22–128 printable ASCII characters).
     * Apps choose their own value; one they make from 16 or more random bytes qualifies.
     */
    public static boolean isStrong(String token) {
        return token != null && STRONG.matcher(token).matches();
    }

    /** The device an account was created on is known from the start: its first login there is not news. */
    public void signedUp(AccountId accountId, String deviceToken) {
        if (deviceToken != null && !deviceToken.isEmpty() && deviceToken.length() <= 128) {
            repository.remember(accountId, SecurityNotifications.hash(deviceToken), clock.instant());
        }
    }

    /**
     * Records a completed login from the device holding {@code deviceToken}.
     *
     * @return true if it is a new device for this account (and the owner is being told)
     */
    public boolean loggedIn(AccountId accountId, String deviceToken, String clientAddress, String description) {
        if (deviceToken == null || deviceToken.isEmpty() || deviceToken.length() > 128) {
            return false;
        }
        boolean isNew = repository.remember(accountId, SecurityNotifications.hash(deviceToken), clock.instant());
        if (isNew) {
            audit.record(AuditType.LOGIN_NEW_DEVICE, accountId, clientAddress,
                    Map.of("device", description == null ? "" : description));
        }
        return isNew;
    }

    /** Binds the device to the account after a completed full login from it (a weak value binds nothing). */
    public void bind(AccountId accountId, String deviceToken) {
        Objects.requireNonNull(accountId, "accountId");
        if (isStrong(deviceToken)) {
            repository.bind(accountId, bindingHash(accountId, deviceToken), clock.instant());
        }
    }

    /**
     * The device's binding hash if it completed a full login to the account within {@link #BINDING_LIFETIME}
     * before {@code now}; empty for any other device (never seen, too long ago, forgotten, or a weak value).
     */
    public Optional<String> recentBinding(AccountId accountId, String deviceToken, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        if (!isStrong(deviceToken)) {
            return Optional.empty();
        }
        String binding = bindingHash(accountId, deviceToken);
        return repository.lastLogin(accountId, binding)
                .filter(last -> now.isBefore(last.plus(BINDING_LIFETIME)))
                .map(last -> binding);
    }

    /** SHA-256 over the account and the device value: the same value on another account binds nothing there. */
    static String bindingHash(AccountId accountId, String deviceToken) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(("aikagi-device-binding\n" + accountId.value() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(deviceToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
