package dev.aikagi.core.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Objects;
import java.util.Optional;

/**
 * A phone number that can receive text messages, in E.164 form ({@code +819012345678}). Parsed and
 * checked with libphonenumber's metadata: numbers that are not valid for their country, and numbers
 * that are certainly not mobile (fixed lines, toll-free, premium rate), are refused.
 */
public record PhoneNumber(String e164) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** Why a typed number was refused; each has a stable API code. */
    public enum Problem {
        /** Not a phone number at all, or not a valid one for its country. */
        INVALID("phone_invalid"),
        /** A valid number that cannot receive SMS (a fixed line, toll-free, premium rate). */
        NOT_MOBILE("phone_not_mobile");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!e164.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not an E.164 number");
        }
    }

    /**
     * Parses what a person typed: E.164 ({@code +81 90-1234-5678}), or a national number of
     * {@code defaultRegion} ({@code 090-1234-5678} with "JP"). Full-width digits, spaces, hyphens and
     * brackets are accepted.
     */
    public static Parsed parse(String input, String defaultRegion) {
        if (input == null || input.isBlank() || input.length() > 64) {
            return new Parsed(Optional.empty(), Optional.of(Problem.INVALID));
        }
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(input.strip(), defaultRegion);
        } catch (NumberParseException e) {
            return new Parsed(Optional.empty(), Optional.of(Problem.INVALID));
        }
        if (!UTIL.isValidNumber(number)) {
            return new Parsed(Optional.empty(), Optional.of(Problem.INVALID));
        }
        PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(number);
        boolean mobile = type == PhoneNumberUtil.PhoneNumberType.MOBILE
                || type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
        if (!mobile) {
            return new Parsed(Optional.empty(), Optional.of(Problem.NOT_MOBILE));
        }
        return new Parsed(Optional.of(new PhoneNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))),
                Optional.empty());
    }

    /** The number as pages show it on the challenge: only the last two digits, {@code •••• ••12}. */
    public String masked() {
        return "\u2022\u2022\u2022\u2022 \u2022\u2022" + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        // Never the full number in logs.
        return "PhoneNumber[" + masked() + "]";
    }

    /** Either a number or a problem. */
    public record Parsed(Optional<PhoneNumber> number, Optional<Problem> problem) {
    }
}
