package dev.aikagi.core.trust;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.login.LoginFlow;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.ClientAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issue 17, "remember this browser": after a second step with the app or a text message (the methods
 * {@link dev.aikagi.core.login.CompletedFactor#REMEMBERING_METHODS}), a browser or app may be trusted for
 * {@link #lifetime()} to skip the second step of this account's logins; the password is still asked for.
 *
 * <p>A browser gets a cookie holding {@code <id>.<secret>}: the id is the record's random handle, the secret
 * 192 random bits from the {@link SecretGenerator}; an app is keyed to its own {@code Aikagi-Device} value, which
 * must be {@link KnownDevices#isStrong strong} (22 or more printable characters, as 16 random bytes in base64url
 * make). Only a keyed digest of either is stored ({@link CodeDigester}: HMAC-SHA-256 with the pepper and a salt
 * per record), so the database alone lets nobody skip a second step. Trust is per account: the record names
 * the account, and a secret remembered for one account is nothing to another.
 *
 * <p>Trust ends at its expiry (fixed when made, never extended by use), when the device is removed, and, through
 * {@link #endAll}, on a password change, a completed recovery, "this wasn't me" and two-step verification turned
 * off or on.
 */
public final class TrustedDevices {

    /** How many devices one account may trust at once; remembering one more forgets the least recently used. */
    public static final int MAX_PER_ACCOUNT = 20;
    /** How many trusted accounts' entries one browser cookie keeps (an Account Center holds a few accounts). */
    public static final int MAX_COOKIE_ENTRIES = 5;
    /** The separator of entries in the browser's cookie (allowed in a cookie value, RFC 6265 §4.1.1). */
    static final String ENTRY_SEPARATOR = "~";
    /** The secret of a browser entry: 24 random bytes (192 bits) in base64url without padding. */
    private static final Pattern BROWSER_ENTRY = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([A-Za-z0-9_-]{32})");

    /** Why a device was not trusted. */
    public enum Refusal {
        /** {@code aikagi.trusted-devices.lifetime} is 0. */
        TURNED_OFF,
        /** The login did not end with a method that may be remembered (a backup code), or did not end. */
        METHOD_NOT_ALLOWED,
        /** The app's device value is missing or too short to be random (fewer than 22 characters). */
        DEVICE_VALUE_TOO_SHORT
    }

    /** What a client presents at login: a browser's cookie entries, or an app's device value. */
    public sealed interface Presented permits Browser, App {
    }

    /** The {@code <id>.<secret>} entries of a browser's trust cookie. */
    public record Browser(List<String> entries) implements Presented {
        public Browser {
            entries = List.copyOf(entries);
        }
    }

    /** An app's {@code Aikagi-Device} value. */
    public record App(String deviceValue) implements Presented {
        public App {
            Objects.requireNonNull(deviceValue, "deviceValue");
        }
    }

    private final TrustedDeviceRepository repository;
    private final CodeDigester digester;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Clock clock;
    private final Duration lifetime;

    /** @param lifetime how long a device stays trusted; {@link Duration#ZERO} turns the feature off */
    public TrustedDevices(TrustedDeviceRepository repository, CodeDigester digester, SecretGenerator generator,
                          Auditor audit, Clock clock, Duration lifetime) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.digester = Objects.requireNonNull(digester, "digester");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("lifetime must not be negative");
        }
    }

    public boolean isOn() {
        return !lifetime.isZero();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Whether a login that ended as {@code flow} may offer "don't ask again on this browser". */
    public boolean mayRemember(LoginFlow flow) {
        return isOn() && flow.mayRememberDevice();
    }

    /** Whether an app's device value may be remembered (and so whether {@code "rememberDevice": true} is taken). */
    public static boolean isAcceptableDeviceValue(String deviceValue) {
        return KnownDevices.isStrong(deviceValue);
    }

    /**
     * Trusts the browser that just completed {@code flow}.
     *
     * @return the new cookie entry {@code <id>.<secret>} (the secret is nowhere else), or why not
     */
    public Outcome<String, Refusal> rememberBrowser(LoginFlow flow, String description,
                                                                   ClientAddress from) {
        Optional<Refusal> refusal = refusal(flow);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(24));
        TrustedDevice device = add(flow, TrustedDevice.Kind.BROWSER, secret, description, from);
        return Outcome.done(device.id() + "." + secret);
    }

    /** Trusts the app that just completed {@code flow} with {@code deviceValue} (its {@code Aikagi-Device}). */
    public Outcome<TrustedDevice, Refusal> rememberApp(LoginFlow flow, String deviceValue,
                                                                      String description, ClientAddress from) {
        if (!isAcceptableDeviceValue(deviceValue)) {
            return Outcome.refused(Refusal.DEVICE_VALUE_TOO_SHORT);
        }
        Optional<Refusal> refusal = refusal(flow);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        // One record per app value and account: remembering again replaces the older one.
        for (TrustedDevice old : repository.active(flow.accountId(), clock.instant())) {
            if (old.kind() == TrustedDevice.Kind.APP && digester.matches(deviceValue, old.digest())) {
                repository.remove(flow.accountId(), old.id());
            }
        }
        return Outcome.done(add(flow, TrustedDevice.Kind.APP, deviceValue, description, from));
    }

    /**
     * The account's trusted device the client presents, if its trust has not expired; its last use and network
     * are recorded. Empty when the feature is off, for any other account's device, and for a wrong secret.
     */
    public Optional<TrustedDevice> recognise(AccountId accountId, Presented presented, ClientAddress from) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(from, "from");
        if (!isOn()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<TrustedDevice> found = switch (presented) {
            case Browser browser -> browser.entries().stream().limit(MAX_COOKIE_ENTRIES)
                    .map(entry -> browserDevice(accountId, entry, now))
                    .flatMap(Optional::stream)
                    .findFirst();
            case App app -> isAcceptableDeviceValue(app.deviceValue())
                    ? repository.active(accountId, now).stream()
                            .filter(d -> d.kind() == TrustedDevice.Kind.APP)
                            .filter(d -> digester.matches(app.deviceValue(), d.digest()))
                            .findFirst()
                    : Optional.empty();
        };
        return found.filter(d -> repository.touch(d.id(), accountId, now, network(from.value())));
    }

    /** The account's trusted devices, most recently used first. */
    public List<TrustedDevice> list(AccountId accountId) {
        return repository.active(Objects.requireNonNull(accountId, "accountId"), clock.instant());
    }

    /** Ends the trust of one device ("remove"); false if the account has no such device. */
    public boolean remove(AccountId accountId, UUID id, ClientAddress from) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(from, "from");
        if (id == null || !repository.remove(accountId, id)) {
            return false;
        }
        audit.record(AuditType.TRUSTED_DEVICE_REMOVED, accountId, from.value(),
                Map.of("device", id.toString(), "reason", "removed"));
        return true;
    }

    /** Ends the trust of every device of the account ("remove all"); the number removed. */
    public int removeAll(AccountId accountId, ClientAddress from) {
        Objects.requireNonNull(from, "from");
        return endAll(accountId, from.value(), "all");
    }

    /**
     * Ends the trust of every device of the account after an event that must take it away (a new password, a
     * completed recovery, "this wasn't me", two-step verification turned off or on). Called inside the event's
     * own transaction, so the event cannot be stored without it.
     *
     * @param reason what ended it, for the audit record ({@code password}, {@code recovery}, …)
     */
    public int endAll(AccountId accountId, String clientAddress, String reason) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(reason, "reason");
        int removed = repository.removeAll(accountId);
        if (removed > 0) {
            audit.record(AuditType.TRUSTED_DEVICE_REMOVED, accountId, clientAddress,
                    Map.of("count", String.valueOf(removed), "reason", reason));
        }
        return removed;
    }

    /** The entries of a browser's trust cookie (malformed ones dropped). */
    public static List<String> entries(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(cookieValue.split(ENTRY_SEPARATOR, MAX_COOKIE_ENTRIES * 2))
                .filter(e -> BROWSER_ENTRY.matcher(e).matches())
                .limit(MAX_COOKIE_ENTRIES)
                .toList();
    }

    /** The trust cookie with {@code entry} first, then the older entries, at most {@link #MAX_COOKIE_ENTRIES}. */
    public static String withEntry(String entry, List<String> older) {
        List<String> out = new ArrayList<>();
        out.add(Objects.requireNonNull(entry, "entry"));
        older.stream().filter(e -> !e.equals(entry)).limit(MAX_COOKIE_ENTRIES - 1L).forEach(out::add);
        return String.join(ENTRY_SEPARATOR, out);
    }

    /** The /24 of an IPv4 address, the /48 of an IPv6 one: a place, not a person's line. */
    static String network(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "";
        }
        String a = clientAddress.strip();
        if (a.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return a.substring(0, a.lastIndexOf('.')) + ".0/24";
        }
        if (a.contains(":")) {
            String[] groups = a.split(":", -1);
            if (groups.length >= 3 && !groups[0].isEmpty() && !groups[1].isEmpty() && !groups[2].isEmpty()) {
                return groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48";
            }
            return "IPv6";
        }
        return "";
    }

    private Optional<Refusal> refusal(LoginFlow flow) {
        Objects.requireNonNull(flow, "flow");
        if (!isOn()) {
            return Optional.of(Refusal.TURNED_OFF);
        }
        return flow.mayRememberDevice() ? Optional.empty() : Optional.of(Refusal.METHOD_NOT_ALLOWED);
    }

    private TrustedDevice add(LoginFlow flow, TrustedDevice.Kind kind, String secret, String description,
                              ClientAddress from) {
        Objects.requireNonNull(from, "from");
        Instant now = clock.instant();
        String shown = description == null ? "" : description.length() > 64 ? description.substring(0, 64) : description;
        TrustedDevice device = new TrustedDevice(generator.uuid(), flow.accountId(), kind, digester.digest(secret),
                shown, now, now, network(from.value()), now.plus(lifetime));
        repository.add(device);
        List<TrustedDevice> active = repository.active(flow.accountId(), now);
        for (TrustedDevice extra : active.subList(Math.min(MAX_PER_ACCOUNT, active.size()), active.size())) {
            repository.remove(flow.accountId(), extra.id());
        }
        audit.record(AuditType.TRUSTED_DEVICE_ADDED, flow.accountId(), from.value(),
                Map.of("device", device.id().toString(), "kind", kind.name().toLowerCase(Locale.ROOT)));
        return device;
    }

    private Optional<TrustedDevice> browserDevice(AccountId accountId, String entry, Instant now) {
        var matcher = BROWSER_ENTRY.matcher(entry);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return repository.find(UUID.fromString(matcher.group(1)))
                .filter(d -> d.kind() == TrustedDevice.Kind.BROWSER)
                .filter(d -> d.accountId().equals(accountId))
                .filter(d -> d.isActiveAt(now))
                .filter(d -> digester.matches(matcher.group(2), d.digest()));
    }
}
