package dev.aikagi.core.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * What a client address counts as for rate limits: an IPv4 address by itself, an IPv6 address by its
 * /64 network. One IPv6 subscriber usually gets a whole /64 (RFC 6177, RFC 8273) and can pick any of its
 * 2<sup>64</sup> addresses per request, so a limit per IPv6 address limits nothing.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) count as the IPv4 address. Text that is not an
 * IP address (the web layer's {@code "unknown"}) is returned unchanged. Pure parsing: never a DNS lookup.
 */
public final class AddressPrefix {

    private AddressPrefix() {
    }

    /** The rate-limit key of {@code address}: the IPv4 address, or the IPv6 /64 as {@code 2001:db8:0:1::/64}. */
    public static String of(String address) {
        Objects.requireNonNull(address, "address");
        if (address.indexOf(':') < 0) {
            return address;
        }
        int[] groups = ipv6Groups(address);
        if (groups == null) {
            return address;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        return Integer.toHexString(groups[0]) + ":" + Integer.toHexString(groups[1]) + ":"
                + Integer.toHexString(groups[2]) + ":" + Integer.toHexString(groups[3]) + "::/64";
    }

    /** The eight 16-bit groups of an IPv6 literal (with optional brackets, zone id and IPv4 tail), or null. */
    private static int[] ipv6Groups(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        s = s.toLowerCase(Locale.ROOT);
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] front = parts(head);
        int[] back = parts(tail);
        if (front == null || back == null) {
            return null;
        }
        int count = front.length + back.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(front, 0, groups, 0, front.length);
        System.arraycopy(back, 0, groups, 8 - back.length, back.length);
        return groups;
    }

    /** Colon-separated hex groups, the last of which may be a dotted IPv4 address (two groups). */
    private static int[] parts(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] fields = s.split(":", -1);
        boolean ipv4Tail = fields[fields.length - 1].indexOf('.') >= 0;
        int[] out = new int[fields.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i];
            if (i == fields.length - 1 && ipv4Tail) {
                int[] v4 = ipv4(field);
                if (v4 == null) {
                    return null;
                }
                out[i] = v4[0];
                out[i + 1] = v4[1];
            } else {
                if (field.isEmpty() || field.length() > 4) {
                    return null;
                }
                int value = 0;
                for (int c = 0; c < field.length(); c++) {
                    int digit = Character.digit(field.charAt(c), 16);
                    if (digit < 0) {
                        return null;
                    }
                    value = value * 16 + digit;
                }
                out[i] = value;
            }
        }
        return out;
    }

    private static int[] ipv4(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        int[] bytes = new int[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            bytes[i] = Integer.parseInt(octet);
            if (bytes[i] > 255) {
                return null;
            }
        }
        return new int[] {bytes[0] << 8 | bytes[1], bytes[2] << 8 | bytes[3]};
    }
}
