package dev.aikagi.core.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key per-address limits count by: an IPv4 address as it is, an IPv6 address by its /64 prefix.
 *
 * <p>One IPv6 subscriber usually gets a whole /64 (RFC 6177 recommends /48 to /64 per site, and SLAAC
 * hands out addresses inside a /64), so counting the full 128-bit address would give one person 2^64
 * fresh budgets. Addresses are parsed as literals only: nothing here ever asks DNS.
 */
public final class ClientNetwork {

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientNetwork() {
    }

    /** {@code 192.0.2.1} stays as it is; {@code 2001:db8:1:2:a:b:c:d} becomes {@code 2001:db8:1:2::/64}. */
    public static String key(String address) {
        if (address == null) {
            return "unknown";
        }
        String value = address.strip();
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.indexOf(':') < 0 || !IPV6_LITERAL.matcher(value).matches()) {
            return value.toLowerCase(Locale.ROOT);
        }
        byte[] bytes;
        try {
            // A literal (checked above) is parsed, never looked up.
            bytes = InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (bytes.length == 4) {
            // An IPv4-mapped address (::ffff:192.0.2.1) is that IPv4 address.
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
