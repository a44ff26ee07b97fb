package dev.aikagi.core.factor.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The countries text messages may go to: an allow-list of ISO 3166-1 alpha-2 region codes, checked with
 * libphonenumber's metadata before anything is counted or sent. SMS pumping ("toll fraud") sends codes to
 * premium-rate ranges abroad at the operator's expense; a service whose users are in Japan has no reason to
 * text anywhere else (OWASP Authentication Cheat Sheet; NIST SP 800-63B-4 §3.1.3.3 treats SMS as restricted).
 */
public record SmsRegions(Set<String> allowed) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** The default: Japan only. */
    public static final SmsRegions DEFAULT = new SmsRegions(Set.of("JP"));

    /** Every region libphonenumber knows (tests and tools only). */
    public static final SmsRegions ANY = new SmsRegions(UTIL.getSupportedRegions());

    /**
     * @throws IllegalArgumentException if the list is empty or a code is not a region libphonenumber knows;
     *     the message names the code
     */
    public SmsRegions {
        Objects.requireNonNull(allowed, "allowed");
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("at least one region is needed");
        }
        Set<String> upper = new TreeSet<>();
        for (String code : allowed) {
            String region = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("'" + code + "' is not an ISO 3166 region code of a phone numbering plan");
            }
            upper.add(region);
        }
        allowed = Set.copyOf(upper);
    }

    /** The region of an E.164 number, if libphonenumber can tell (shared plans such as +1 resolve by range). */
    public static Optional<String> regionOf(String e164) {
        try {
            return Optional.ofNullable(UTIL.getRegionCodeForNumber(UTIL.parse(e164, null)))
                    .filter(UTIL.getSupportedRegions()::contains);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a text message may go to {@code e164}: its region is on the list. */
    public boolean allows(String e164) {
        return regionOf(e164).map(allowed::contains).orElse(false);
    }
}
