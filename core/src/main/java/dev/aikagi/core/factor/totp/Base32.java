package dev.aikagi.core.factor.totp;

import java.util.Locale;
import java.util.Optional;

/**
 * RFC 4648 Base32 as authenticator apps expect it: upper case, no padding. Decoding is forgiving of
 * case, spaces and padding, since people type keys by hand.
 */
public final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    public static Optional<byte[]> decode(String text) {
        String clean = text.replaceAll("[\\s\\u00A0\\u3000=]", "").toUpperCase(Locale.ROOT);
        // Unpadded Base32 never leaves 1, 3 or 6 characters in the last group: such a key lost a
        // character on the way, and silently dropping bits would enrol a different key.
        int tail = clean.length() % 8;
        if (tail == 1 || tail == 3 || tail == 6) {
            return Optional.empty();
        }
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < clean.length(); i++) {
            int value = ALPHABET.indexOf(clean.charAt(i));
            if (value < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return Optional.of(out);
    }

    /** The key grouped in fours for reading aloud or typing: {@code ABCD EFGH ...}. */
    public static String grouped(String base32) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base32.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(' ');
            }
            out.append(base32.charAt(i));
        }
        return out.toString();
    }
}
