package dev.aikagi.core.account;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;
import com.ibm.icu.lang.UCharacterEnums.ECharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Login names.
 *
 * <p><b>Looking a name up</b> ({@link #canonical}): NFKC, trimmed and lower-cased, so that full-width
 * {@code Ｔａｒｏ} and {@code Taro} are one name. Every stored name is in this form, and every name that was
 * ever accepted still looks up (existing accounts keep their names).
 *
 * <p><b>A new name</b> ({@link #forNewAccount}) must in addition follow
 * <ul>
 *   <li>PRECIS, RFC 8265 §3.4 (UsernameCaseMapped): width mapping, case mapping (toLowerCase), NFC, the
 *       directionality ("Bidi") rule of RFC 5893, and every code point {@code PVALID} (or a {@code CONTEXTO}
 *       whose context rule holds) in the IdentifierClass of RFC 8264 §4.2, derived from Unicode properties
 *       by the algorithm of RFC 8264 §8. Aikagi narrows it further (RFC 8265 §3.4.4 allows it): letters,
 *       combining marks and decimal digits, plus {@code . _ @ + -}, 3–64 code points.</li>
 *   <li>Unicode TS #39 §5.2, restriction level "Highly Restrictive": one script, or Latin with Han, Hiragana
 *       and Katakana as Japanese writes (or with Han and Bopomofo, or Han and Hangul); never Latin with
 *       Cyrillic or Greek. No digits from two numbering systems (§5.3), no invisible characters (§5.4).
 *       Decided by ICU's {@link SpoofChecker}, from Unicode's own data.</li>
 * </ul>
 *
 * <p><b>Look-alikes</b> ({@link #skeleton}): two names with the same TS #39 §4 skeleton look the same on
 * screen ({@code paypal77}, {@code pаypal77} with a Cyrillic а, {@code ραypal77} with Greek). A new name
 * whose skeleton is held by an existing account is taken, exactly as if it were the same name.
 */
public final class Username {

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Mn}\\p{Mc}\\p{N}\\u30FB._@+-]{3,64}");
    /**
     * Aikagi's own narrowing of the PRECIS IdentifierClass: letters, marks, decimal digits, {@code . _ @ + -}
     * and the Katakana middle dot of Japanese names ({@code ジョン・スミス}, CONTEXTO in PRECIS).
     */
    private static final Pattern NEW_NAME = Pattern.compile("[\\p{L}\\p{Mn}\\p{Mc}\\p{Nd}\\u30FB._@+-]{3,64}");

    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    /**
     * TS #39 checks for a new name. ICU's SpoofChecker is immutable once built and safe to share between
     * threads.
     */
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder()
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE
                    | SpoofChecker.HIDDEN_OVERLAY)
            .build();

    private Username() {
    }

    /** The form a name is stored and looked up in, or empty when the input cannot be a username. */
    public static Optional<String> canonical(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return ALLOWED.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /**
     * The name a new account gets (its PRECIS UsernameCaseMapped form), or empty when the input breaks a
     * rule above. Leading and trailing white space is dropped first, as forms and keyboards add it.
     */
    public static Optional<String> forNewAccount(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String name = NFC.normalize(widthMapped(input.strip()).toLowerCase(Locale.ROOT));
        boolean valid = NEW_NAME.matcher(name).matches()
                && identifierClass(name)
                && bidiRule(name)
                // On the decomposed form, so that a mark repeated after a precomposed letter (ó + ́) is seen.
                && !SPOOF.failsChecks(NFD.normalize(name))
                // What the person types at login (looked up through canonical) must find this very name.
                && canonical(input).filter(name::equals).isPresent();
        return valid ? Optional.of(name) : Optional.empty();
    }

    /**
     * The TS #39 §4 skeleton of a name, as a SHA-256 digest in hex (64 characters): what a unique index
     * holds. A digest rather than the skeleton itself, because a skeleton can be several times longer than
     * the name ({@code m} becomes {@code rn}) and a fixed width suits an index.
     */
    public static String skeleton(String canonicalName) {
        String skeleton = SPOOF.getSkeleton(canonicalName);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(skeleton.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    /** RFC 8265 §3.4.4 step 1: full-width and half-width characters to their decomposition mappings. */
    private static String widthMapped(String input) {
        StringBuilder out = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            int type = UCharacter.getIntPropertyValue(cp, UProperty.DECOMPOSITION_TYPE);
            String mapping = type == UCharacter.DecompositionType.WIDE || type == UCharacter.DecompositionType.NARROW
                    ? NFKC.getRawDecomposition(cp) : null;
            if (mapping != null) {
                out.append(mapping);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** Every code point PVALID in the IdentifierClass (RFC 8264 §4.2.2, §8), or CONTEXTO in its context. */
    private static boolean identifierClass(String name) {
        int[] cps = name.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            switch (property(cps[i])) {
                case PVALID -> { }
                case CONTEXTO -> {
                    if (!contextRuleHolds(cps, i)) {
                        return false;
                    }
                }
                // CONTEXTJ (zero-width joiners) is refused outright: invisible, and never needed in a login name.
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private enum Property { PVALID, CONTEXTJ, CONTEXTO, DISALLOWED, UNASSIGNED }

    /** RFC 8264 §8, in its order; the Exceptions are RFC 5892 §2.6, BackwardCompatible is empty. */
    private static Property property(int cp) {
        Property exception = exception(cp);
        if (exception != null) {
            return exception;
        }
        int category = UCharacter.getType(cp);
        if (category == ECharacterCategory.UNASSIGNED && !UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT)) {
            return Property.UNASSIGNED;
        }
        if (cp >= 0x21 && cp <= 0x7E) {
            return Property.PVALID;
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.JOIN_CONTROL)) {
            return Property.CONTEXTJ;
        }
        int hangul = UCharacter.getIntPropertyValue(cp, UProperty.HANGUL_SYLLABLE_TYPE);
        if (hangul == UCharacter.HangulSyllableType.LEADING_JAMO || hangul == UCharacter.HangulSyllableType.VOWEL_JAMO
                || hangul == UCharacter.HangulSyllableType.TRAILING_JAMO) {
            return Property.DISALLOWED;
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT)
                || category == ECharacterCategory.CONTROL) {
            return Property.DISALLOWED;
        }
        String one = new String(Character.toChars(cp));
        if (!NFKC.normalize(one).equals(one)) {
            return Property.DISALLOWED; // HasCompat: ID_DIS in the IdentifierClass
        }
        return switch (category) {
            case ECharacterCategory.LOWERCASE_LETTER, ECharacterCategory.UPPERCASE_LETTER,
                 ECharacterCategory.OTHER_LETTER, ECharacterCategory.DECIMAL_DIGIT_NUMBER,
                 ECharacterCategory.MODIFIER_LETTER, ECharacterCategory.NON_SPACING_MARK,
                 ECharacterCategory.COMBINING_SPACING_MARK -> Property.PVALID;
            // OtherLetterDigits, Spaces, Symbols, Punctuation: ID_DIS; anything else DISALLOWED.
            default -> Property.DISALLOWED;
        };
    }

    private static Property exception(int cp) {
        return switch (cp) {
            case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007 -> Property.PVALID;
            case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB -> Property.CONTEXTO;
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B -> Property.DISALLOWED;
            default -> cp >= 0x0660 && cp <= 0x0669 || cp >= 0x06F0 && cp <= 0x06F9 ? Property.CONTEXTO : null;
        };
    }

    /** The CONTEXTO rules of RFC 5892 Appendix A.3–A.9. */
    private static boolean contextRuleHolds(int[] cps, int i) {
        int cp = cps[i];
        if (cp == 0x00B7) { // MIDDLE DOT: only between two l (Catalan l·l)
            return i > 0 && i < cps.length - 1 && cps[i - 1] == 'l' && cps[i + 1] == 'l';
        }
        if (cp == 0x0375) { // GREEK KERAIA: followed by Greek
            return i < cps.length - 1 && UScript.getScript(cps[i + 1]) == UScript.GREEK;
        }
        if (cp == 0x05F3 || cp == 0x05F4) { // HEBREW GERESH, GERSHAYIM: after Hebrew
            return i > 0 && UScript.getScript(cps[i - 1]) == UScript.HEBREW;
        }
        if (cp == 0x30FB) { // KATAKANA MIDDLE DOT: the name has Hiragana, Katakana or Han
            for (int other : cps) {
                int script = UScript.getScript(other);
                if (other != 0x30FB && (script == UScript.HIRAGANA || script == UScript.KATAKANA || script == UScript.HAN)) {
                    return true;
                }
            }
            return false;
        }
        boolean arabicIndic = cp >= 0x0660 && cp <= 0x0669;
        for (int other : cps) { // the two sets of Arabic-Indic digits never mixed
            if (arabicIndic ? other >= 0x06F0 && other <= 0x06F9 : other >= 0x0660 && other <= 0x0669) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5893 §2, applied (RFC 8265 §3.4.4 step 5) to names holding a right-to-left character. */
    private static boolean bidiRule(String name) {
        int[] dirs = name.codePoints().map(UCharacter::getDirection).toArray();
        boolean rtl = false;
        for (int d : dirs) {
            rtl |= d == UCharacterDirection.RIGHT_TO_LEFT || d == UCharacterDirection.RIGHT_TO_LEFT_ARABIC
                    || d == UCharacterDirection.ARABIC_NUMBER;
        }
        if (!rtl) {
            return true;
        }
        int first = dirs[0];
        if (first != UCharacterDirection.RIGHT_TO_LEFT && first != UCharacterDirection.RIGHT_TO_LEFT_ARABIC) {
            return false; // rule 1: a name holding right-to-left characters starts with one
        }
        boolean european = false;
        boolean arabic = false;
        int last = -1;
        for (int d : dirs) {
            switch (d) {
                case UCharacterDirection.RIGHT_TO_LEFT, UCharacterDirection.RIGHT_TO_LEFT_ARABIC,
                     UCharacterDirection.COMMON_NUMBER_SEPARATOR, UCharacterDirection.EUROPEAN_NUMBER_SEPARATOR,
                     UCharacterDirection.EUROPEAN_NUMBER_TERMINATOR, UCharacterDirection.OTHER_NEUTRAL,
                     UCharacterDirection.BOUNDARY_NEUTRAL -> { }
                case UCharacterDirection.EUROPEAN_NUMBER -> european = true;
                case UCharacterDirection.ARABIC_NUMBER -> arabic = true;
                case UCharacterDirection.DIR_NON_SPACING_MARK -> {
                    continue;
                }
                default -> {
                    return false; // rule 2
                }
            }
            last = d;
        }
        boolean endsWell = last == UCharacterDirection.RIGHT_TO_LEFT || last == UCharacterDirection.RIGHT_TO_LEFT_ARABIC
                || last == UCharacterDirection.EUROPEAN_NUMBER || last == UCharacterDirection.ARABIC_NUMBER;
        return endsWell && !(european && arabic); // rules 3 and 4
    }
}
